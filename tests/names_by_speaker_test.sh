#!/usr/bin/env bash
# names_by_speaker_test.sh BIN: readout names --by speaker — how each speaker
# names each person, against the narrator.  The documents are written for
# this test.
set -u
BIN=$1
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0; pass=0
check() { # name, condition result
  if [ "$2" = 0 ]; then pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi
}
has() { # name, file, exact line
  grep -qxF -- "$3" "$2"; check "$1" $?
}

# A readout: an aide quoted in several paragraphs says "Mr Witkoff" four times
# and "Jared" twice; the narrator says "Steve Witkoff", "Witkoff", "Kushner".
cat > "$tmp/readout.txt" <<'DOC'
Envoys end second day of talks in Tallinn

Steve Witkoff and Jared Kushner met the Estonian delegation on Tuesday for a second round of talks, the foreign ministry said.

Presidential aide Mara Linden told reporters that the meeting had gone on late into the evening. "Mr Witkoff came with a long list of questions, and Mr Witkoff wanted answers to every one of them," Linden said.

"We told Mr Witkoff that some points need more time," she added. "Jared was more relaxed. Jared spent most of the break talking about football."

"Mr Witkoff will report to Washington tonight," Linden said.

Kushner did not speak to the press. Witkoff left the building shortly after nine.
DOC
( cd "$tmp" && "$BIN" names --by speaker readout.txt ) > "$tmp/r.jsonl"; check "readout: exit 0" $?
has "speaker: Mr Witkoff x4, never the first name" "$tmp/r.jsonl" \
  '{"doc":"readout.txt","speaker":"Mara Linden","voice":"speaker","name":"Steve Witkoff","type":"person","mentions":4,"forms":{"title+surname":{"Mr Witkoff":4}},"never":{"first name":"Steve","surname":"Witkoff"}}'
has "speaker: Jared x2" "$tmp/r.jsonl" \
  '{"doc":"readout.txt","speaker":"Mara Linden","voice":"speaker","name":"Jared Kushner","type":"person","mentions":2,"forms":{"first name":{"Jared":2}},"never":{"surname":"Kushner"}}'
has "narrator: Steve Witkoff, Witkoff" "$tmp/r.jsonl" \
  '{"doc":"readout.txt","speaker":null,"voice":"narrator","name":"Steve Witkoff","type":"person","mentions":2,"forms":{"full name":{"Steve Witkoff":1},"surname":{"Witkoff":1}},"never":{"first name":"Steve"}}'
has "narrator: Jared Kushner, Kushner" "$tmp/r.jsonl" \
  '{"doc":"readout.txt","speaker":null,"voice":"narrator","name":"Jared Kushner","type":"person","mentions":2,"forms":{"full name":{"Jared Kushner":1},"surname":{"Kushner":1}},"never":{"first name":"Jared"}}'
has "narrator names the aide; 'she' is not counted" "$tmp/r.jsonl" \
  '{"doc":"readout.txt","speaker":null,"voice":"narrator","name":"Mara Linden","type":"person","mentions":3,"forms":{"title+full name":{"Presidential aide Mara Linden":1},"surname":{"Linden":2}},"never":{"first name":"Mara"}}'
n=$(wc -l < "$tmp/r.jsonl"); [ "$n" = 5 ]; check "readout: five rows, persons only (got $n)" $?
! grep -q '"type":"organisation"\|"type":"place"' "$tmp/r.jsonl"; check "persons only by default" $?

cat > "$tmp/readout.expected" <<'OUT'
readout.txt  narrator (outside quotations):
  Steve Witkoff  Steve Witkoff ×1 (full name), Witkoff ×1 (surname); never alone: Steve (first name)
  Jared Kushner  Jared Kushner ×1 (full name), Kushner ×1 (surname); never alone: Jared (first name)
  Mara Linden    Presidential aide Mara Linden ×1 (title+full name), Linden ×2 (surname); never alone: Mara (first name)
readout.txt  Mara Linden speaking:
  Steve Witkoff  Mr Witkoff ×4 (title+surname); never alone: Steve (first name), Witkoff (surname)
  Jared Kushner  Jared ×2 (first name); never alone: Kushner (surname)
OUT
( cd "$tmp" && "$BIN" names --by speaker --format text readout.txt ) > "$tmp/r.txt"
diff -u "$tmp/readout.expected" "$tmp/r.txt"; check "readout: text output" $?

( cd "$tmp" && "$BIN" names --by speaker --format tsv readout.txt ) > "$tmp/r.tsv"
has "tsv header" "$tmp/r.tsv" "$(printf 'doc\tvoice\tspeaker\tname\ttype\tmentions\tforms\tnever')"
has "tsv speaker row" "$tmp/r.tsv" \
  "$(printf 'readout.txt\tspeaker\tMara Linden\tJared Kushner\tperson\t2\tfirst name: Jared 2\tsurname: Kushner')"
has "tsv narrator row" "$tmp/r.tsv" \
  "$(printf 'readout.txt\tnarrator\t\tSteve Witkoff\tperson\t2\tfull name: Steve Witkoff 1; surname: Witkoff 1\tfirst name: Steve')"

# --type widens (and narrows) what is counted; the speakers stay whoever they are
( cd "$tmp" && "$BIN" names --by speaker --type person,place readout.txt ) > "$tmp/rp.jsonl"
has "--type place: Washington inside the aide's words" "$tmp/rp.jsonl" \
  '{"doc":"readout.txt","speaker":"Mara Linden","voice":"speaker","name":"Washington","type":"place","mentions":1,"forms":{"name":{"Washington":1}},"never":{}}'
( cd "$tmp" && "$BIN" names --by speaker --type place readout.txt ) > "$tmp/rq.jsonl"
! grep -q '"type":"person"' "$tmp/rq.jsonl" && grep -q '"name":"Washington"' "$tmp/rq.jsonl"; check "--type place: no persons" $?

# --mentions --by speaker: each mention with its voice
( cd "$tmp" && "$BIN" names --by speaker --mentions --type person readout.txt ) > "$tmp/rm.jsonl"
n=$(grep -c '"text":"Mr Witkoff","form":"title+surname","speaker":"Mara Linden","voice":"speaker"}$' "$tmp/rm.jsonl")
[ "$n" = 4 ]; check "--mentions: four Mr Witkoff in the aide's words (got $n)" $?
grep -q '"text":"Kushner","form":"surname","speaker":null,"voice":"narrator"}$' "$tmp/rm.jsonl"; check "--mentions: the narrator's Kushner" $?
( cd "$tmp" && "$BIN" names --by speaker --mentions --format tsv readout.txt ) | head -1 | grep -qxF "$(printf 'doc\tname\ttype\tstart\tend\ttext\tform\tvoice\tspeaker')"
check "--mentions tsv header" $?
# without --by the mention lines are as they were
( cd "$tmp" && "$BIN" names --mentions readout.txt ) | grep -q '"voice"'; [ $? = 1 ]; check "no voice without --by" $?

# A transcript: two speakers name one another differently; labels are nobody's words.
cat > "$tmp/transcript.txt" <<'DOC'
Joint press conference of Foreign Minister Anna Kovac and Secretary of State Daniel Reyes

MINISTER KOVAC: Thank you all for coming. I had a long talk with Daniel this morning, and Daniel and I agree on most things.

SECRETARY REYES: Thank you, Minister Kovac. Minister Kovac has been a generous host.

QUESTION: Mr Secretary, did you discuss the pipeline?

SECRETARY REYES: We did. Minister Kovac raised it first.

MINISTER KOVAC: Yes. Daniel knows my view on it.
DOC
( cd "$tmp" && "$BIN" names --by speaker transcript.txt ) > "$tmp/t.jsonl"; check "transcript: exit 0" $?
has "Kovac says Daniel x3" "$tmp/t.jsonl" \
  '{"doc":"transcript.txt","speaker":"Anna Kovac","voice":"speaker","name":"Daniel Reyes","type":"person","mentions":3,"forms":{"first name":{"Daniel":3}},"never":{"surname":"Reyes"}}'
has "Reyes says Minister Kovac x3" "$tmp/t.jsonl" \
  '{"doc":"transcript.txt","speaker":"Daniel Reyes","voice":"speaker","name":"Anna Kovac","type":"person","mentions":3,"forms":{"title+surname":{"Minister Kovac":3}},"never":{"first name":"Anna","surname":"Kovac"}}'
has "the question's turn, by its label" "$tmp/t.jsonl" \
  '{"doc":"transcript.txt","speaker":"QUESTION","voice":"turn","name":"Daniel Reyes","type":"person","mentions":1,"forms":{"role":{"Mr Secretary":1}},"never":{"first name":"Daniel","surname":"Reyes"}}'
has "narrator: the heading only, no labels" "$tmp/t.jsonl" \
  '{"doc":"transcript.txt","speaker":null,"voice":"narrator","name":"Anna Kovac","type":"person","mentions":1,"forms":{"title+full name":{"Foreign Minister Anna Kovac":1}},"never":{"first name":"Anna","surname":"Kovac"}}'
! grep -q 'MINISTER KOVAC\|SECRETARY REYES' "$tmp/t.jsonl"; check "turn labels not counted" $?
n=$(wc -l < "$tmp/t.jsonl"); [ "$n" = 5 ]; check "transcript: five rows (got $n)" $?
( cd "$tmp" && "$BIN" names --by speaker --format text transcript.txt ) > "$tmp/t.txt"
has "text: speaker heading" "$tmp/t.txt" 'transcript.txt  Anna Kovac speaking:'
has "text: Daniel x3" "$tmp/t.txt" '  Daniel Reyes  Daniel ×3 (first name); never alone: Reyes (surname)'
has "text: turn heading" "$tmp/t.txt" 'transcript.txt  turns labelled “QUESTION” (no speaker found):'
( cd "$tmp" && "$BIN" names --by speaker --mentions --type person transcript.txt ) > "$tmp/tm.jsonl"
n=$(grep -c '"voice":"label"}$' "$tmp/tm.jsonl"); [ "$n" = 4 ]; check "--mentions: four labels (got $n)" $?

# A quotation nobody is found for, and quotations inside a speaker's quotation:
# one with a speaker of its own, one (a term) without.
cat > "$tmp/nested.txt" <<'DOC'
“Tomas Berg is a patient man,” read a note left on the table.

Minister Ilse Harju said: “Yesterday Peter Vale told me, ‘Mr Berg will sign when he is ready,’ and I believe Peter.”

Harju added: “Nobody here calls him ‘Mr Berg’ any more; we all say Tomas.”
DOC
( cd "$tmp" && "$BIN" names --by speaker nested.txt ) > "$tmp/n.jsonl"
has "unattributed quotation" "$tmp/n.jsonl" \
  '{"doc":"nested.txt","speaker":null,"voice":"unattributed","name":"Tomas Berg","type":"person","mentions":1,"forms":{"full name":{"Tomas Berg":1}},"never":{"first name":"Tomas","surname":"Berg"}}'
has "the outer speaker's words around an inner quotation" "$tmp/n.jsonl" \
  '{"doc":"nested.txt","speaker":"Ilse Harju","voice":"speaker","name":"Peter Vale","type":"person","mentions":2,"forms":{"full name":{"Peter Vale":1},"first name":{"Peter":1}},"never":{"surname":"Vale"}}'
has "an inner quotation with its own speaker" "$tmp/n.jsonl" \
  '{"doc":"nested.txt","speaker":"Peter Vale","voice":"speaker","name":"Tomas Berg","type":"person","mentions":1,"forms":{"title+surname":{"Mr Berg":1}},"never":{"first name":"Tomas","surname":"Berg"}}'
has "an inner term with no speaker is the outer speaker's" "$tmp/n.jsonl" \
  '{"doc":"nested.txt","speaker":"Ilse Harju","voice":"speaker","name":"Tomas Berg","type":"person","mentions":2,"forms":{"title+surname":{"Mr Berg":1},"first name":{"Tomas":1}},"never":{"surname":"Berg"}}'
tail -1 "$tmp/n.jsonl" | grep -q '"voice":"unattributed"' ; check "unattributed comes last" $?
head -1 "$tmp/n.jsonl" | grep -q '"voice":"narrator"' ; check "the narrator comes first" $?

# Aliases rename the speaker too
printf 'Kremlin aide Yuri Ushakov said: "We spoke with Mr Witkoff for five hours."\n' > "$tmp/a.txt"
printf 'alias\tYuri Ushakov\t1\tYury Ushakov\n' > "$tmp/aliases.tsv"
"$BIN" names --by speaker --aliases "$tmp/aliases.tsv" "$tmp/a.txt" | grep -q '"speaker":"Yury Ushakov","voice":"speaker","name":"Steve Witkoff"\|"speaker":"Yury Ushakov","voice":"speaker","name":"Witkoff"'
check "--aliases: the speaker's canonical name" $?

# Usage
"$BIN" names --by robots "$tmp/a.txt" > /dev/null 2> "$tmp/err"; [ $? = 2 ]; check "unknown --by value: exit 2" $?
grep -q "by takes 'speaker', not 'robots'" "$tmp/err"; check "unknown --by value: message" $?
"$BIN" names --by > /dev/null 2> "$tmp/err"; [ $? = 2 ]; check "--by without a value: exit 2" $?
grep -q 'needs a value' "$tmp/err"; check "--by without a value: message" $?
"$BIN" names --by=speaker "$tmp/a.txt" | grep -q '"voice":"speaker"'; check "--by=speaker" $?
"$BIN" help names | grep -q -- '--by speaker'; check "help documents --by speaker" $?
"$BIN" names --by speaker --format html "$tmp/a.txt" > /dev/null 2>&1; [ $? = 2 ]; check "--format html: exit 2" $?

# Hostile input: no crash, bounded time
head -c 20000 /dev/urandom > "$tmp/r.bin"
"$BIN" names --by speaker --lenient "$tmp/r.bin" > /dev/null 2>&1; [ $? -lt 2 ]; check "random bytes" $?
"$BIN" names --by speaker --mentions --lenient "$tmp/r.bin" > /dev/null 2>&1; [ $? -lt 2 ]; check "random bytes, --mentions" $?
python3 -c "
import sys
s = ''.join('\"Mr Dunst met Jared Kushner%d,\" said Aide%d Smith. ' % (i, i) for i in range(3000))
s += '\"' * 5001 + ' Mr Dunst \u201c\u201c\u2018 Q: A: ' * 2000 + '\n'
s += ''.join('SPEAKER%d: Mr Dunst said hello.\n\n' % i for i in range(2000))
open('$tmp/p.txt', 'w').write(s)" 2>/dev/null || printf '"Mr Dunst"\n' > "$tmp/p.txt"
timeout 30 "$BIN" names --by speaker --format text "$tmp/p.txt" > /dev/null 2>&1; [ $? = 0 ]; check "many speakers, unbalanced marks, many labels" $?

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
