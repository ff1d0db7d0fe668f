# The content scenario of bench/run (sourced by it; uses its $root, $work, $jar, java, machine and
# assemble). Runs the prohibited-content classifier (R7) over the labelled campaigns in
# bench/src/main/resources/content/ and writes bench/results/content.md.
content_scenario() {
  local commit out
  commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
  echo "bench: the content classifier over the labelled campaigns ($commit)..." >&2
  out=$("${java[@]}" -jar "$jar" content)
  {
    cat <<'MD'
## Prohibited content — `bench/run content`

Herald: `ContentClassifier` (`engine/src/main/java/io/herald/content`, rules in
`engine/src/main/resources/content/lexicon.txt`) over short campaigns (sender, subject, text) in
Ukrainian, Russian and English, each labelled with one of the ten categories of R7 or **clean**
(ordinary marketing: shops, events, newsletters, services, with hard negatives such as a health
blog that sells nothing, a bank's newsletter, an events company's "work with us", a pharmacy
hiring, a legal streaming service). A campaign counts as caught when any category flags it;
*recall* per category is the share of its campaigns flagged under that very category, *precision*
the share of campaigns flagged under it that carry its label. Goals: flagged-but-clean under 2%,
recall over 90% on prohibited campaigns.

How the sets guard against fitting the rules to them:

- `labelled.jsonl` (328: 162 prohibited, 166 clean) was written from the categories' descriptions
  and committed (d2bde06) before the classifier or any rule existed. Every third line is a held-out
  part that was not looked at while tuning. The lexicon's first run, untuned, already scored 100% /
  98.1% recall and 0% flagged-but-clean on the two parts: the same person wrote the campaigns and
  the rules, so the words overlap, and that figure says little about unseen mail.
- `fresh.jsonl` (80: 40 prohibited, 40 clean) was written after the first lexicon (623ecc3), on
  purpose in other words than the lexicon's — paraphrases ("3 women within 5 miles messaged you",
  "Освободим от кредитов", "Give $100, receive $800"), no obvious keyword — plus ordinary campaigns
  close to the categories. Its first run, before any change: **recall 20.0% (8 of 40),
  flagged-but-clean 0 of 40**. The lexicon was then broadened with paraphrase families of every
  category (5685b8c: drug names, "no script", "daily returns", "unsecured debt", "activator",
  negative weights for "licensed", "legally"), which brought this set to 95% — but from then on it
  is tuned on, and says nothing more about unseen mail.
- `fresh2.jsonl` (70: 40 prohibited, 30 clean) was written the same way after that broadening and
  committed before it was run. Its first run is the honest figure: **recall 5.0% (2 of 40),
  flagged-but-clean 3 of 30 (10.0%)** — the three being ordinary campaigns written to sit close to a
  category (a pharmacy's holiday hours saying prescription drugs need a prescription, a board-game
  club that "introduces players", a newsletter about a fined data broker). It was not tuned on.

What this says: the goals (recall over 90%, flagged-but-clean under 2%) are met on campaigns that use
the categories' own words — the bulk of keyword spam, and what the first set holds — and are **not
met** on campaigns written to avoid a known lexicon: a weighted lexicon recognises vocabulary, not
intent, and every broadening is a guess at the next paraphrase. Campaigns it misses still go through
the canary (R6) and the spam-report path (R8); the review queue's decisions are the labelled data a
trained model would need, which this work does not build.
MD
    echo
    echo "$out" | sed '$d'
    echo
    echo "\`$(echo "$out" | tail -n 1)\`"
    echo
    echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(machine), commit $commit."
  } >"$root/bench/results/content.md"
  assemble
  echo "$out" | tail -n 1
}
