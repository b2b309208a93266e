# bash completion for legitcheck                           -*- shell-script -*-
#
# Commands, their options and the values of those options come from the
# program itself (`legitcheck help`, `legitcheck help COMMAND`), so that the
# completion follows the command table; checklist ids from
# `legitcheck checklists --ids`; case and checklist files are *.json.
#
# Installed as share/bash-completion/completions/legitcheck; to try it from a
# source tree: source completions/legitcheck.bash

# The options of a session: legitcheck [CASE] [OPTIONS].
_legitcheck_session_opts="--checklist --bail --autosave --no-autosave --color --no-color
--history --no-history --help --version"

# Prints the names of the commands that run on the command line.
_legitcheck_commands()
{
	"$1" help 2>/dev/null | awk '
		/^commands:/ { f = 1; next }
		f && /^  [a-z]/ { print $1; next }
		f && !/^  / { exit }'
}

# Prints the usage line of a command, without "usage: ".
_legitcheck_usage()
{
	"$1" help "$2" 2>/dev/null | sed -n 's/^usage: //p' | head -n 1
}

# Prints the options of a command, one a line ("-o, --output FILE" gives both).
_legitcheck_command_opts()
{
	"$1" help "$2" 2>/dev/null | awk '
		/^options:/ { f = 1; next }
		f && /^  -/ {
			for (i = 1; i <= NF && $i ~ /^-/; i++) { sub(/,$/, "", $i); print $i }
			next
		}
		f && !/^  / { exit }'
}

# Prints the names of an option of a command and its METAVAR (if it takes a
# value), as its line of `help COMMAND` gives them: "-o --output FILE".
_legitcheck_opt_spec()
{
	"$1" help "$2" 2>/dev/null | awk -v opt="$3" '
		/^options:/ { f = 1; next }
		f && /^  -/ {
			names = ""; metavar = ""; hit = 0
			for (i = 1; i <= NF && $i ~ /^-/; i++) {
				n = $i; sub(/,$/, "", n); names = names " " n
				if (n == opt) hit = 1
			}
			if (i <= NF && $i ~ /^[A-Z][A-Z|]*$/) metavar = $i
			if (hit) { print substr(names, 2) " " metavar; exit }
		}'
}

# True when the option takes a value (its help line names a METAVAR).
_legitcheck_opt_takes_value()
{
	local spec
	spec=$(_legitcheck_opt_spec "$@")
	[[ "${spec##* }" =~ ^[A-Z][A-Z\|]*$ ]]
}

_legitcheck_json_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	COMPREPLY+=($(compgen -f -X '!*.json' -- "$1") $(compgen -d -S / -- "$1"))
	# A directory gets a slash and no space, so that completion goes on inside it.
	[ ${#COMPREPLY[@]} -eq 1 ] && [ -d "${COMPREPLY[0]%/}" ] && compopt -o nospace 2>/dev/null
	return 0
}

_legitcheck_checklist_ids()
{
	local IFS=$'\n'
	COMPREPLY+=($(compgen -W "$("$1" checklists --ids 2>/dev/null)" -- "$2"))
}

# Completes the value of option opt of command cmd ("" for a session).
_legitcheck_value()
{
	local prog=$1 cmd=$2 opt=$3 cur=$4 spec metavar name values
	case "$opt" in
	--checklist)
		_legitcheck_checklist_ids "$prog" "$cur"
		_legitcheck_json_files "$cur"
		return
		;;
	--color)
		COMPREPLY+=($(compgen -W "auto always never" -- "$cur"))
		return
		;;
	--history)
		compopt -o filenames 2>/dev/null
		COMPREPLY+=($(compgen -f -- "$cur"))
		return
		;;
	esac
	[ -n "$cmd" ] || return
	spec=$(_legitcheck_opt_spec "$prog" "$cmd" "$opt")
	metavar=${spec##* }
	case "$metavar" in
	CASE)
		_legitcheck_json_files "$cur"
		return
		;;
	FILE | DIR)
		compopt -o filenames 2>/dev/null
		COMPREPLY+=($(compgen -f -- "$cur"))
		return
		;;
	esac
	# Fixed values are spelt out in the usage line: [--format text|json].
	for name in ${spec% *}; do
		values=$(_legitcheck_usage "$prog" "$cmd" | tr -d '[]' | tr ' ' '\n' |
			awk -v opt="$name" 'prev == opt { print; exit } { prev = $0 }')
		case "$values" in
		*[A-Z]*) ;;
		*'|'*)
			COMPREPLY+=($(compgen -W "${values//|/ }" -- "$cur"))
			return
			;;
		esac
	done
}

# Completes a positional argument of command cmd from the metavars of its usage.
_legitcheck_positional()
{
	local prog=$1 cmd=$2 cur=$3 usage
	usage=$(_legitcheck_usage "$prog" "$cmd")
	case "$usage" in
	*COMMAND*)
		COMPREPLY+=($(compgen -W "$(_legitcheck_commands "$prog")" -- "$cur"))
		;;
	esac
	case "$usage" in
	*CHECKLIST*) _legitcheck_checklist_ids "$prog" "$cur" ;;
	esac
	case "$usage" in
	*CASE* | *FILE* | *CHECKLIST*) _legitcheck_json_files "$cur" ;;
	esac
}

_legitcheck()
{
	local prog=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]}
	local prev="" cmd="" commands i w opts
	COMPREPLY=()
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	commands=$(_legitcheck_commands "$prog")

	# The command is the first word; anything else makes a session.
	if [ "$COMP_CWORD" -gt 1 ]; then
		w=${COMP_WORDS[1]}
		for i in $commands; do
			[ "$i" = "$w" ] && cmd=$w && break
		done
	fi
	if [ -n "$cmd" ]; then
		opts=$(_legitcheck_command_opts "$prog" "$cmd")
	else
		opts=$_legitcheck_session_opts
	fi

	# --option=value
	if [[ "$cur" == --*=* ]]; then
		local opt=${cur%%=*}
		_legitcheck_value "$prog" "$cmd" "$opt" "${cur#*=}"
		return 0
	fi
	# The value of the option before.
	if [[ "$prev" == --* ]]; then
		case " $(printf '%s ' $opts) " in
		*" $prev "*)
			if [ -z "$cmd" ]; then
				case "$prev" in
				--checklist | --color | --history)
					_legitcheck_value "$prog" "" "$prev" "$cur"
					return 0
					;;
				esac
			elif _legitcheck_opt_takes_value "$prog" "$cmd" "$prev"; then
				_legitcheck_value "$prog" "$cmd" "$prev" "$cur"
				return 0
			fi
			;;
		esac
	fi
	if [[ "$cur" == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return 0
	fi
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		_legitcheck_json_files "$cur"
		return 0
	fi
	if [ -n "$cmd" ]; then
		_legitcheck_positional "$prog" "$cmd" "$cur"
	else
		_legitcheck_json_files "$cur"
	fi
	return 0
}

complete -F _legitcheck legitcheck
