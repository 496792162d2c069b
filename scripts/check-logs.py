#!/usr/bin/env python3
"""Fails when a runner log holds a whole IIN.

Logs mask an IIN to its last four digits (`********0012`): its first six are the birth date.
This reads every file under the given folders (default: tests/output/logs, where the API tests,
the walkthrough and the browser tests keep their runners' logs), finds each standalone run of
exactly 12 digits that is a valid IIN (birth date, century digit, check digit: the rule of
shared/domain/src/iin.rs) and lists the lines holding one. Exit status 1 when any does, or when
there is no log to read (a check of nothing passes nothing).

    scripts/check-logs.py [DIR...]
    scripts/check-logs.py --self-test   # the check itself: it must catch an unmasked IIN
"""

import datetime
import pathlib
import re
import sys
import tempfile

RUN = re.compile(rb"(?<![0-9])[0-9]{12}(?![0-9])")
# `8-4-4-4-` hex groups: a run right after them with no hex after it closes a UUID. A random
# request id's last group is all digits now and then; the telemetry leaves it as it is
# (`is_uuid_tail` in shared/service/src/telemetry.rs), and so does this check.
UUID_HEAD = re.compile(rb"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-$")
HEX = b"0123456789abcdefABCDEF"


def uuid_tail(line: bytes, m: re.Match) -> bool:
    after = line[m.end():m.end() + 1]
    return bool(UUID_HEAD.search(line[max(0, m.start() - 24):m.start()])) and not (after and after in HEX)


FIRST = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
SECOND = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def is_iin(digits: str) -> bool:
    d = [int(c) for c in digits]
    if len(d) != 12 or d[6] not in CENTURY:
        return False
    try:
        datetime.date(CENTURY[d[6]] + d[0] * 10 + d[1], d[2] * 10 + d[3], d[4] * 10 + d[5])
    except ValueError:
        return False
    for weights in (FIRST, SECOND):
        check = sum(x * w for x, w in zip(d, weights)) % 11
        if check != 10:
            return check == d[11]
    return False


def offending_lines(root: pathlib.Path):
    """(file, line number, line) of every line holding a whole IIN; and how many files were read."""
    found, files = [], 0
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        files += 1
        with path.open("rb") as f:
            for n, line in enumerate(f, 1):
                if any(is_iin(m.group().decode()) and not uuid_tail(line, m) for m in RUN.finditer(line)):
                    found.append((path, n, line.decode("utf-8", "replace").rstrip("\n")))
    return found, files


def check(roots) -> int:
    total, problems = 0, []
    for root in roots:
        root = pathlib.Path(root)
        if not root.is_dir():
            print(f"check-logs: no folder {root}")
            return 1
        found, files = offending_lines(root)
        total += files
        problems += found
    if total == 0:
        print(f"check-logs: no logs under {', '.join(map(str, roots))}: nothing was checked")
        return 1
    if problems:
        print(f"check-logs: {len(problems)} log line(s) hold a whole IIN:")
        for path, n, line in problems[:200]:
            print(f"  {path}:{n}: {line[:400]}")
        return 1
    print(f"check-logs: {total} log file(s), no whole IIN")
    return 0


def self_test() -> int:
    assert is_iin("850315400015") and is_iin("061211600012") and is_iin("190315500101")
    for not_iin in ["061211600013", "061211000012", "061311600012", "123456789012", "000000000000"]:
        assert not is_iin(not_iin), not_iin
    with tempfile.TemporaryDirectory() as d:
        root = pathlib.Path(d)
        clean = root / "clean.log"
        clean.write_text(
            '{"path":"/api/orgs/o/staff/********0015","ms":1780000000000}\n'
            '{"bin":"123456789012","id":"7f0c-850315400015123"}\n'
            '{"request_id":"12f12079-2557-4e19-9eed-471031139338"}\n'
        )
        assert check([root]) == 0, "a clean log fails"
        (root / "nested").mkdir()
        (root / "nested" / "leak.log").write_text(
            '{"msg":"x"}\n{"child":"190315500101"}\n{"id":"12f12079-2557-4e19-9eed-190315500101a"}\n'
        )
        found, _ = offending_lines(root)
        assert [(p.name, n) for p, n, _ in found] == [("leak.log", 2), ("leak.log", 3)], found
        assert check([root]) == 1, "an unmasked IIN passes"
    with tempfile.TemporaryDirectory() as d:
        assert check([pathlib.Path(d)]) == 1, "no logs at all passes"
    print("check-logs: self-test passed")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args == ["--self-test"]:
        sys.exit(self_test())
    sys.exit(check(args or ["tests/output/logs"]))
