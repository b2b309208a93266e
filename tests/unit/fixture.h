/* A small checklist written for the unit tests: every engine feature, few questions. */
#ifndef LEGITCHECK_TEST_FIXTURE_H
#define LEGITCHECK_TEST_FIXTURE_H

/* One line of JSON per line of source, however long. */
/* clang-format off */
static const char fixture_checklist[] =
	"{\n"
	"  \"format\": \"legitcheck-checklist\", \"format_version\": 1,\n"
	"  \"id\": \"mini\", \"version\": \"1\", \"title\": \"Mini\",\n"
	"  \"sections\": [{\"id\": \"s\", \"title\": \"S\"}],\n"
	"  \"questions\": [\n"
	"    {\"id\": \"s.a\", \"section\": \"s\", \"title\": \"A\", \"text\": \"A?\", \"help\": \"h\",\n"
	"     \"sources\": [\"src A\"], \"choices\": [{\"keyword\": \"yes\", \"label\": \"Y\"},\n"
	"     {\"keyword\": \"no\", \"label\": \"N\"}, {\"keyword\": \"unknown\", \"label\": \"U\"}]},\n"
	"    {\"id\": \"s.b\", \"section\": \"s\", \"title\": \"B\", \"text\": \"B?\", \"help\": \"h\",\n"
	"     \"sources\": [\"src B\"], \"choices\": [{\"keyword\": \"yes\", \"label\": \"Y\"},\n"
	"     {\"keyword\": \"no\", \"label\": \"N\"}, {\"keyword\": \"unknown\", \"label\": \"U\"}],\n"
	"     \"condition\": {\"answer\": \"s.a\", \"not_in\": [\"no\"]}},\n"
	"    {\"id\": \"s.c\", \"section\": \"s\", \"title\": \"C\", \"text\": \"C?\", \"help\": \"h\",\n"
	"     \"sources\": [\"src C\"], \"choices\": [{\"keyword\": \"good\", \"label\": \"G\"},\n"
	"     {\"keyword\": \"bad\", \"label\": \"B\"}, {\"keyword\": \"na\", \"label\": \"-\"},\n"
	"     {\"keyword\": \"unknown\", \"label\": \"U\"}]}\n"
	"  ],\n"
	"  \"frameworks\": [\n"
	"    {\"id\": \"f\", \"title\": \"F\", \"source\": \"Art F\", \"criteria\": [\n"
	"      {\"id\": \"ca\", \"title\": \"A holds\", \"question\": \"s.a\", \"necessary\": true,\n"
	"       \"weight\": 3, \"met\": [\"yes\"], \"not_met\": [\"no\"], \"unknown\": [\"unknown\"],\n"
	"       \"source\": \"Art A\", \"explanation\": {\"met\": \"A is so.\"},\n"
	"       \"standard\": {\"applies_to\": [\"yes\"], \"min_grade\": \"B2\",\n"
	"                    \"independent_of\": [\"intervening\"]}},\n"
	"      {\"id\": \"cb\", \"title\": \"B holds\", \"question\": \"s.b\", \"necessary\": true,\n"
	"       \"met\": [\"yes\"], \"not_met\": [\"no\"], \"unknown\": [\"unknown\"], \"source\": \"Art B\"},\n"
	"      {\"id\": \"cc\", \"title\": \"C factor\", \"question\": \"s.c\", \"necessary\": false,\n"
	"       \"met\": [\"good\"], \"not_met\": [\"bad\"], \"unknown\": [\"unknown\"],\n"
	"       \"not_applicable\": [\"na\"], \"source\": \"Art C\"}\n"
	"    ]},\n"
	"    {\"id\": \"g\", \"title\": \"G\", \"source\": \"Art G\", \"criteria\": [\n"
	"      {\"id\": \"gc\", \"title\": \"C\", \"question\": \"s.c\", \"necessary\": true,\n"
	"       \"met\": [\"good\"], \"not_met\": [\"bad\"], \"unknown\": [\"unknown\"],\n"
	"       \"not_applicable\": [\"na\"], \"source\": \"Art C\"}\n"
	"    ]}\n"
	"  ],\n"
	"  \"overall\": {\"title\": \"O\", \"source\": \"Art O\", \"rules\": [\n"
	"    {\"verdict\": \"ok\", \"when\": {\"framework\": \"f\", \"in\": [\"satisfied\"]}, \"text\": \"ok.\"},\n"
	"    {\"verdict\": \"bad\", \"when\": {\"framework\": \"f\", \"in\": [\"not_satisfied\"]}, \"text\": \"bad.\"}],\n"
	"    \"otherwise\": {\"verdict\": \"open\", \"text\": \"open.\"}},\n"
	"  \"findings\": [\n"
	"    {\"id\": \"c_bad\", \"when\": {\"all\": [{\"answer\": \"s.c\", \"in\": [\"bad\"]},\n"
	"      {\"not\": {\"framework\": \"f\", \"in\": [\"not_satisfied\"]}}]}, \"text\": \"C is bad.\", \"source\": \"Art C\"}\n"
	"  ]\n"
	"}\n";
/* clang-format on */

#endif
