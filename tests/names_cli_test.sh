#!/usr/bin/env bash
# names_cli_test.sh BIN: readout names as a user meets it — aliases, help,
# options, bad input.
set -u
BIN=$1
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0; pass=0
check() { # name, condition result
  if [ "$2" = 0 ]; then pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi
}

"$BIN" help names | grep -q -- '--aliases'; check "help names documents --aliases" $?
"$BIN" --help | grep -q 'names'; check "--help lists names" $?
"$BIN" names --bogus >/dev/null 2>&1; [ $? = 2 ]; check "unknown option: exit 2" $?
"$BIN" names --type robots "$tmp/x" >/dev/null 2>&1; [ $? = 2 ]; check "bad --type: exit 2" $?
"$BIN" names --aliases "$tmp/missing.tsv" "$tmp/x" >/dev/null 2>&1; [ $? = 3 ]; check "missing aliases file: exit 3" $?

# Two spellings of one name in two documents: without aliases two names, with one.
printf 'Kremlin aide Yuri Ushakov said the talks were useful. Ushakov left.\n' > "$tmp/a.txt"
printf 'Aide to the President Yury Ushakov answered questions.\n' > "$tmp/b.txt"
n=$("$BIN" names --type person "$tmp/a.txt" "$tmp/b.txt" | grep -o '"name":"[^"]*"' | sort -u | wc -l)
[ "$n" = 2 ]; check "two spellings without aliases: two names" $?
printf 'alias\tYuri Ushakov\t1\tYury Ushakov\n' > "$tmp/aliases.tsv"
n=$("$BIN" names --type person --aliases "$tmp/aliases.tsv" "$tmp/a.txt" "$tmp/b.txt" | grep -o '"name":"[^"]*"' | sort -u)
[ "$n" = '"name":"Yury Ushakov"' ]; check "aliases merge the spellings across documents" $?
"$BIN" names --type person --aliases "$tmp/aliases.tsv" "$tmp/a.txt" | grep -q '"mentions":2'; check "aliased entity keeps its mentions" $?
# the same through --lexicon with a #list line
printf '#list aliases\nalias\tYuri Ushakov\t1\tYury Ushakov\n' > "$tmp/lex.tsv"
"$BIN" names --type person --lexicon "$tmp/lex.tsv" "$tmp/a.txt" | grep -q '"name":"Yury Ushakov"'; check "--lexicon with #list aliases" $?
printf 'alias no tabs here\n' > "$tmp/bad.tsv"
"$BIN" names --aliases "$tmp/bad.tsv" "$tmp/a.txt" >/dev/null 2>&1; [ $? = 3 ]; check "malformed aliases: exit 3" $?

# User spellings of one name (list name_variants): a given name and a surname ending
printf 'Iouliia Vantseva met the press. Later Juliya Vantsevaia answered questions.\n' > "$tmp/v.txt"
n=$("$BIN" names --type person "$tmp/v.txt" | grep -c '"type":"person"')
[ "$n" = 2 ]; check "unknown spellings: two people" $?
printf '#list name_variants\ngiven\tIouliia\t1\tJuliya\nending\t-evaia\t1\t-eva\n' > "$tmp/variants.tsv"
n=$("$BIN" names --type person --lexicon "$tmp/variants.tsv" "$tmp/v.txt" | grep -c '"mentions":2')
[ "$n" = 1 ]; check "--lexicon with #list name_variants merges the spellings" $?
"$BIN" help names | grep -q 'name_variants'; check "help names documents name_variants" $?

# User gazetteer: a new organisation
printf '#list gazetteer_orgs\norganisation\tQuillfeather\t1\tQuillfeather Group\n' > "$tmp/orgs.tsv"
printf 'Analysts at Quillfeather said the plan was sound.\n' > "$tmp/c.txt"
"$BIN" names --lexicon "$tmp/orgs.tsv" "$tmp/c.txt" | grep -q '"name":"Quillfeather","type":"organisation"'; check "user gazetteer adds an organisation" $?

# Hostile input does not crash
head -c 20000 /dev/urandom > "$tmp/r.bin"
"$BIN" names --lenient "$tmp/r.bin" >/dev/null 2>&1; [ $? -lt 2 ]; check "random bytes under --lenient" $?
python3 -c "print(('Mr ' * 5000) + ('A. ' * 5000) + ('van der ' * 5000) + ('THE PRESIDENT: ' * 2000))" > "$tmp/p.txt" 2>/dev/null || printf 'Mr Mr Mr A. A. van der\n' > "$tmp/p.txt"
"$BIN" names --mentions "$tmp/p.txt" >/dev/null 2>&1; [ $? = 0 ]; check "pathological repetitions" $?
"$BIN" names --mentions --format text "$tmp/a.txt" | grep -q 'role\|title+full name'; check "--mentions --format text" $?
"$BIN" names --format tsv "$tmp/a.txt" | head -1 | grep -q '^doc	name	type	mentions	first	forms	never$'; check "tsv header" $?

# Many people with one surname, many roles: stays linear (bounded look-ups)
python3 -c "
import itertools, string
names = [''.join(p) for p in itertools.product(string.ascii_lowercase, repeat=3)][:15000]
s = ' and '.join('Dr ' + n.capitalize() + ' Smith' for n in names) + '. '
s += ' '.join('Smith said. The President spoke. Mr Smith agreed.' for _ in range(15000))
open('$tmp/many.txt', 'w').write(s)" 2>/dev/null || printf 'Dr Aa Smith said.\n' > "$tmp/many.txt"
timeout 20 "$BIN" names "$tmp/many.txt" >/dev/null 2>&1; [ $? = 0 ]; check "15000 people with one surname in reasonable time" $?

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
