#!/usr/bin/env bash
# A case whose evidence is hostile (script tags, attribute breakouts, Markdown control
# characters, newlines in table cells, terminal escapes, right-to-left text and U+202E)
# gives reports in which all of it is text: no active markup, no broken table.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
H=$SOURCE_DIR/tests/data/good/hostile.json
GOLD=$SOURCE_DIR/tests/data/golden
export LEGITCHECK_NOW=2026-01-01T00:00:00Z
unset COLUMNS

for f in text md html json; do
	run report "$H" --format "$f" -o "h.$f"
	is 0 "$RC" "report --format $f on the hostile case exits 0"
	same_file "$GOLD/hostile.$f" "h.$f" "hostile.$f matches its golden file"
done

# HTML: nothing active.
grep -q -i '<script' h.html
is 1 "$?" "no <script in the HTML"
is "" "$(grep -o -i '<[^>]*onerror' h.html)" "onerror= never inside a tag, only in escaped text"
grep -q -i 'href="javascript' h.html
is 1 "$?" "a javascript: address is not a link"
tidy -errors -quiet h.html >h.tidy 2>&1
is "0 " "$? $(cat h.tidy)" "tidy finds no error"

# A strict parse: every tag and attribute from a short list, every element closed in order,
# links only to http(s) or to the page itself, and the hostile strings present as text.
cat >strict.py <<'EOF'
import sys
from html.parser import HTMLParser

TAGS = {"html", "head", "meta", "title", "style", "body", "header", "main", "section",
        "article", "footer", "h1", "h2", "h3", "h4", "p", "div", "span", "strong", "code",
        "bdi", "br", "a", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr",
        "th", "td", "blockquote"}
ATTRS = {"lang", "charset", "name", "content", "class", "id", "href", "dir", "colspan",
         "type"}
VOID = {"meta", "br"}

class Strict(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.text, self.styles = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.errors.append("tag <%s>" % tag)
        for k, v in attrs:
            if k not in ATTRS or k.startswith("on"):
                self.errors.append("attribute %s on <%s>" % (k, tag))
            if k == "href" and not (v.startswith("#") or v.startswith("https://")
                                    or v.startswith("http://")):
                self.errors.append("link to %r" % v)
        if tag == "style":
            self.styles += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.errors.append("self-closing <%s/>" % tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else ""))
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.errors.append("comment")

    def handle_pi(self, data):
        self.errors.append("processing instruction")

doc = open(sys.argv[1], encoding="utf-8").read()
p = Strict()
p.feed(doc)
p.close()
if p.stack:
    p.errors.append("unclosed " + " ".join(p.stack))
if p.styles != 1:
    p.errors.append("%d style elements" % p.styles)
if not doc.startswith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"):
    p.errors.append("no doctype, lang and charset first")
text = "".join(p.text)
for needle in sys.argv[2:]:
    if needle not in text:
        p.errors.append("missing as text: %r" % needle)
print("\n".join(p.errors))
EOF
errors=$(python3 strict.py h.html '<script>alert(1)</script>' '"><img src=x onerror=alert(1)>' \
	'javascript:alert(1)' '| * _ ` [ ] < > # \ ~ $ ^ &amp; &lt;b&gt;' 'שלום' 'مرحبا' $'\u202e')
is "" "$errors" "a strict parse finds only allowed tags and attributes, and the hostile text as text"
python3 strict.py "$GOLD/kazakhstan-2022.html" 'Kazakhstan, January 2022' >k.errors
is "" "$(cat k.errors)" "the example report passes the same strict parse"
is "$(grep -c '<bdi>' h.html)" "$(grep -c '</bdi>' h.html)" "every <bdi> is closed"
like "$(cat h.html)" '<p dir="auto" class="description">' "case text blocks take their own direction"
like "$(cat h.html)" $'<title>Report: \u2068Hostile &lt;script&gt;' \
	"the title, which cannot hold markup, isolates right-to-left text with U+2068"

# Rendered in a browser, the hostile strings are shown, not run.
profile=$(mktemp -d "$TMP/chromium.XXXXXX")
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$profile" --dump-dom "file://$TMP/h.html" >dom.html 2>/dev/null
is 0 "$?" "headless Chromium loads the hostile report"
grep -q -i -E '<script|<img' dom.html
is 1 "$?" "the page as the browser built it has no script and no image"
like "$(cat dom.html)" '&lt;script&gt;alert(1)&lt;/script&gt;' "the script tag is there as text"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$TMP/h.pdf" \
	"file://$TMP/h.html" >/dev/null 2>&1 && pdftotext h.pdf h.pdf.txt
flat=$(tr '\n' ' ' <h.pdf.txt)
like "$flat" "Hostile <script>alert(1)</script>" "the printed page shows the hostile title as text"
like "$flat" "(checklist five-questions 1.0.0) is not established: on the evidence recorded" \
	"and a U+202E in the title cannot reverse the verdict sentence around it"
like "$(cat h.html)" $'on \u201c\u2068Hostile &lt;script&gt;' "the quoted title is isolated (U+2068)"
like "$(cat h.md)" $'gnp.exe \\| شرح עברית\u2069\u201d (checklist' "in the Markdown too (U+2069)"

# Markdown: tables keep their columns, nothing becomes HTML.
pandoc -f gfm -t html --fail-if-warnings h.md -o h.pandoc.html 2>h.pandoc.err
is "0 " "$? $(cat h.pandoc.err)" "pandoc converts the hostile Markdown without a warning"
grep -q -i -E '<script|<img|<[^>]*onerror' h.pandoc.html
is 1 "$?" "pandoc's HTML of it has no script, no image and no event handler"
pandoc -f gfm -t json h.md -o h.ast.json
# pandoc pads or cuts a row to the table's width, so a broken row shows as a cell out of
# place: each criteria row must have its question id in the 2nd cell and necessary or
# factor in the 5th, each timeline row a date in the 1st cell and question ids in the 3rd.
cat >cells.jq <<'EOF'
def txt: [.. | objects | select(.t == "Str" or .t == "Code") | .c
	| if type == "array" then .[1] else . end] | join(" ");
[.. | objects | select(.t == "Table") | .c | (.[2] | length) as $n
 | [.[4][] | .[3][] | .[1] | map(.[4] | txt)]
 | {n: $n, rows: length,
    bad: map(select(if $n == 6
		    then (.[1] | test("^q[0-9]+[.]")) and (.[4] == "necessary" or .[4] == "factor")
		    else (.[0] | test("^[0-9]{4}")) and (.[2] | test("^q[0-9]")) end | not))
	| length}]
EOF
is '[{"n":6,"rows":6,"bad":0},{"n":6,"rows":9,"bad":0},{"n":6,"rows":3,"bad":0},{"n":3,"rows":5,"bad":0}]' \
	"$(jq -c -f cells.jq h.ast.json)" \
	"every table keeps its columns: criteria (6, 9 and 3 rows) and timeline (5 rows)"
sed 's/^| An armed attack occurred/| An armed | attack occurred/' h.md | pandoc -f gfm -t json |
	jq -c -f cells.jq >broken.cells
like "$(cat broken.cells)" '"bad":1' "(the check sees a pipe that breaks a row)"
like "$(jq -r '[.. | objects | select(.t == "Table")][3] | [.. | objects | select(.t == "Str") | .c] | join(" ")' h.ast.json)" \
	"Shared title | with pipe" "a pipe inside a cell stays inside the cell"
is "" "$(grep -E '^(- not a list|1\. and like|=== setext|# not a heading|\| a \| b)' h.md)" \
	"no user line starts a heading, a list or a table row"

# Text: no control character reaches the terminal.
is 0 "$(LC_ALL=C grep -c -P '[\x00-\x08\x0b-\x1f\x7f]' h.text)" \
	"the text report has no control character but newlines"
# JSON: user text survives unchanged.
is "$(jq -r '.answers["q1.timing"].note' "$H")" "$(jq -r '.questions[0].note' h.json)" \
	"the JSON carries the note byte for byte"

done_testing
