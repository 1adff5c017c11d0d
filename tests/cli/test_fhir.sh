# ache export --format fhir (and what it refuses)

NOTE_TEXT=$(printf 'line one, with comma\nline "two" \\ back — 日本語 😀')

seed_fhir() {
    ache add --date 2026-11-01 --time 08:00 --pain 5 --sleep-hours 7.25 --regions neck,shoulder-l >/dev/null
    ache add --date 2026-11-02 --pain 7 --tag stress --note "$NOTE_TEXT" >/dev/null
    ache add --date 2026-11-03 --time 22:10 --fatigue 3 --mood 8 --note "evening" >/dev/null
    ache add --date 2026-11-04 --note "no ratings at all" >/dev/null
}

# Reads a Bundle on stdin and prints one line per Observation:
# "code value effectiveDateTime [site=...] [note=...]", after checking what
# FHIR requires of each. Exit 3 when python3 is missing (callers skip).
summarize_bundle() {
    command -v python3 >/dev/null || return 3
    python3 -c '
import json, re, sys
b = json.load(sys.stdin)
assert b["resourceType"] == "Bundle" and b["type"] == "collection", b
urls = set()
for e in b.get("entry", []):
    assert re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", e["fullUrl"]), e
    assert e["fullUrl"] not in urls
    urls.add(e["fullUrl"])
    r = e["resource"]
    assert r["resourceType"] == "Observation" and r["status"] == "final", r
    assert re.fullmatch(r"[A-Za-z0-9.-]{1,64}", r["id"]), r["id"]
    cat = r["category"][0]["coding"][0]
    assert cat["code"] == "survey" and cat["system"].endswith("/observation-category"), cat
    coding = r["code"]["coding"][0]
    assert coding["system"] and coding["code"] and r["code"]["text"], r
    eff = r["effectiveDateTime"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", eff), eff
    if "valueQuantity" in r:
        q = r["valueQuantity"]
        assert q["system"] == "http://unitsofmeasure.org", q
        value = "%s%s" % (q["value"], q["code"])
    else:
        value = str(r["valueInteger"])
    line = [coding["code"], value, eff]
    if "bodySite" in r:
        line.append("site=" + r["bodySite"]["text"])
    if "note" in r:
        line.append("note=" + json.dumps(r["note"][0]["text"], ensure_ascii=False))
    print(" ".join(line))
'
}

test_fhir_export_is_a_bundle_of_observations() {
    seed_fhir
    ok ache export --format fhir
    case "$OUT" in '{"resourceType": "Bundle", "type": "collection", "entry": ['*) ;;
        *) fail "not a FHIR Bundle" ;; esac
    expect_out_has '"system": "http://loinc.org", "code": "72514-3"'
    expect_out_has '"system": "http://loinc.org", "code": "93832-4"'
    expect_out_has '"system": "urn:ache:rating", "code": "fatigue"'
    expect_out_lacks "stress" # tags stay at home
    summary=$(printf '%s' "$OUT" | summarize_bundle)
    [ $? -eq 3 ] && { echo "    (python3 missing: structure not checked)" >&2; return 0; }
    expect_eq "$summary" "72514-3 5 2026-11-01T08:00:00+00:00 site=left shoulder, neck
93832-4 7.25h 2026-11-01T08:00:00+00:00
72514-3 7 2026-11-02
fatigue 3 2026-11-03T22:10:00+00:00
mood 8 2026-11-03T22:10:00+00:00"
}

test_fhir_notes_only_with_the_flag() {
    seed_fhir
    ok ache export --format fhir
    expect_out_lacks '"note"'
    expect_out_lacks "line one"
    expect_out_lacks "evening"
    ok ache export --format fhir --notes
    expect_out_has '"note": [{"text": "line one, with comma\nline \"two\" \\ back — 日本語 😀"}]'
    if command -v python3 >/dev/null; then
        printf '%s' "$OUT" | python3 -m json.tool >/dev/null || fail "not valid JSON"
        summary=$(printf '%s' "$OUT" | summarize_bundle) || fail "not a valid Bundle"
        # on the pain Observation, else on the check-in's first one
        expect_eq "$(printf '%s\n' "$summary" | grep note=)" \
            "72514-3 7 2026-11-02 note=\"line one, with comma\\nline \\\"two\\\" \\\\ back — 日本語 😀\"
fatigue 3 2026-11-03T22:10:00+00:00 note=\"evening\""
    fi
}

test_fhir_export_is_deterministic() {
    seed_fhir
    ok ache export --format fhir --notes -o one.json
    ok ache export --format fhir --notes -o two.json
    cmp one.json two.json || fail "two exports of one diary differ"
    expect_eq "$(stat -c %a one.json)" "600" "export mode"
    # a .json name alone means ache JSON, not FHIR
    ok ache export -o plain.json
    head -c 40 plain.json | grep -q '^{"format": "ache"' || fail "not ache JSON"
    ok ache export -o bundle.fhir
    head -c 27 bundle.fhir | grep -q '^{"resourceType": "Bundle"' || fail "not FHIR"
}

test_fhir_local_time_zone_offset() {
    seed_fhir
    TZ=CET-1CEST,M3.5.0,M10.5.0/3 run ache export --format fhir --to 2026-11-01
    expect_rc 0
    expect_out_has '"effectiveDateTime": "2026-11-01T08:00:00+01:00"'
    TZ=EST5EDT,M3.2.0,M11.1.0 run ache export --format fhir --to 2026-11-01
    expect_out_has '"effectiveDateTime": "2026-11-01T08:00:00-05:00"'
}

test_fhir_empty_bundle_has_no_entry() {
    seed_fhir
    ok ache export --format fhir --from 2026-11-04 --to 2026-11-04
    expect_out '{"resourceType": "Bundle", "type": "collection"}'
}

test_fhir_notes_flag_needs_fhir() {
    seed_fhir
    run ache export --notes
    expect_rc 2
    expect_err "ache export: --notes goes with --format fhir; CSV and JSON always carry notes (see ache export --help)"
    run ache export --format json --notes
    expect_rc 2
    run ache export --notes -o out.csv
    expect_rc 2
    [ ! -e out.csv ] || fail "a refused export wrote a file"
}

test_fhir_bad_format_lists_fhir() {
    seed_fhir
    run ache export --format xml
    expect_rc 2
    expect_err "ache export: format: 'xml' is not a format (use csv, json or fhir) (see ache export --help)"
}

test_fhir_cannot_be_imported() {
    seed_fhir
    before=$(ache export)
    ache export --format fhir -o bundle.json
    run ache import --format fhir bundle.json
    expect_rc 2
    expect_err "ache import: fhir: ache cannot import FHIR (export only) (see ache import --help)"
    ache export --format fhir -o bundle.fhir
    run ache import bundle.fhir
    expect_rc 2
    expect_err "ache import: fhir: ache cannot import FHIR (export only)"
    expect_eq "$(ache export)" "$before" "diary changed by a refused import"
}
