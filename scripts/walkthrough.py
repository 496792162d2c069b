#!/usr/bin/env python3
"""The 1st-grade flow end to end through the HTTP API of a running dev runner (`make run`):
a parent applies, an executor is hired and accepts in queue order, the director signs with an
ES256 key (openssl), another decision is returned for rework. Prints each step.

    python3 scripts/walkthrough.py [http://127.0.0.1:8080]

Needs only python3 and openssl. Uses the demo seed (school No. 72, director 850315400015) and a
demo family of the local population register (infra/seed/population.json).
"""
import base64, json, subprocess, sys, tempfile, urllib.request, urllib.error, os

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"


def call(method, path, token=None, body=None, lang=None, raw=None, headers=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(path if path.startswith("http") else BASE + path, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if lang:
        req.add_header("Accept-Language", lang)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req) as r:
            text = r.read().decode()
            return r.status, json.loads(text) if text.strip().startswith(("{", "[")) else text
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode())


def iin(yymmdd, century, serial):
    for s in range(serial, serial + 100):
        d = [int(c) for c in f"{yymmdd}{century}{s:04d}"]
        c = sum(d[i] * (i + 1) for i in range(11)) % 11
        if c == 10:
            c = sum(d[i] * w for i, w in enumerate([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])) % 11
            if c == 10:
                continue
        return "".join(map(str, d)) + str(c)


def login(who, name):
    return call("POST", "/api/dev/login", body={"iin": who, "name": name})[1]["token"]


def step(title, status, body, expect=None):
    print(f"\n## {title}: {status}")
    print(json.dumps(body, ensure_ascii=False)[:600])
    if expect is not None and status != expect:
        sys.exit(f"walkthrough: {title}: expected {expect}, got {status}")


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


director = login("850315400015", "Ахметова Гульнар")
org = call("GET", "/api/me", director)[1]["memberships"][0]["org_id"]
step("the director's school", *call("GET", f"/api/orgs/{org}"))

# A parent applies; the population register has the child registered on «Улица Е 117», the
# school's microdistrict, and the parent as its mother.
parent_iin = iin("910304", 4, 7)
parent = login(parent_iin, "Сейтова Айгерим")
child = iin("190510", 5, 3)
step("the child's registration (population register)",
     *call("GET", f"/api/children/{child}/registration?org={org}", parent), 200)
step("address search «е 117»", *call("GET", "/api/addresses?locality_id=astana&q=%D0%B5%20117"))
step("schools for house 37", *call("GET", "/api/schools?locality_id=astana&language=ru&address_id=astana-e117-37"))


def upload_documents(token):
    docs = []
    for kind in ["photo", "vaccination_card", "health_passport"]:
        content = f"%PDF-1.4 {kind}".encode()
        s, f = call("POST", "/api/files", token, {"kind": kind, "content_type": "application/pdf", "size": len(content)})
        up = f["upload"]
        call(up["method"], up["url"], raw=content, headers=up["headers"])
        docs.append({"kind": kind, "file_id": f["file_id"]})
    return docs


application = {
    "service": "grade1", "org_id": org, "academic_year": "2026-2027", "language": "ru",
    "child": {"iin": child, "last_name": "Сейтов", "first_name": "Арман", "birth_date": "2019-05-10", "sex": "male"},
    "applicant": {"phone": "+7 701 234 56 78", "email": "aigerim@example.kz", "relation": "mother"},
    "transport_requested": False, "special_needs": False,
}
# Someone who is not the child's legal representative is refused (and blocks nothing).
stranger = login(iin("900101", 3, 11), "Бөгде Адам")
step("a stranger applies for the child (kk)",
     *call("POST", "/api/applications", stranger, {**application, "documents": upload_documents(stranger)}, lang="kk"), 403)
application["documents"] = upload_documents(parent)
s, app = call("POST", "/api/applications", parent, application)
step("the parent submits", s, app, 201)
assert app["admission_type"] == "microdistrict", app
step("the same child again (kk)", *call("POST", "/api/applications", parent, application, lang="kk"), 409)

# The director hires an executor, who consents and decides.
executor_iin = iin("880808", 4, 5)
s, invite = call("POST", f"/api/orgs/{org}/staff", director, {"iin": executor_iin, "position": "Секретарь", "roles": ["executor"]})
step("the director invites an executor", s, invite, 202)
executor = login(executor_iin, "Нурланова Дана")
step("the executor consents", *call("POST", f"/api/me/consents/{invite['consent_id']}", executor, {"accept": True}))
s, journal = call("GET", f"/api/orgs/{org}/applications?status=in_review", executor)
step("the journal (in review)", s, [(a["number"], a["admission_type"]) for a in journal["items"]])
for a in journal["items"]:
    if a["id"] == app["id"]:
        break
    # earlier applications of the same queue come first (strict order)
    call("POST", f"/api/orgs/{org}/applications/{a['id']}/decision", executor, {"decision": "reject", "reason": "non_compliance"})
s, decided = call("POST", f"/api/orgs/{org}/applications/{app['id']}/decision", executor, {"decision": "accept"})
step("the executor accepts", s, {k: decided.get(k) for k in ("status", "decision")}, 200)

# The director signs with a P-256 key: register the public JWK, sign the payload (DER).
with tempfile.TemporaryDirectory() as d:
    key = os.path.join(d, "key.pem")
    subprocess.run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key], check=True)
    der = subprocess.run(["openssl", "ec", "-in", key, "-pubout", "-outform", "DER"], capture_output=True, check=True).stdout
    point = der[-65:]
    jwk = {"kty": "EC", "crv": "P-256", "x": b64u(point[1:33]), "y": b64u(point[33:])}
    step("register the signing key", *call("PUT", "/api/me/signing-key", director, {"public_key_jwk": jwk}))
    s, payload = call("GET", f"/api/orgs/{org}/applications/{app['id']}/signing-payload", director)
    step("the payload", s, payload)
    sig = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=payload["payload"].encode(), capture_output=True, check=True).stdout
    step("the director signs", *call("POST", f"/api/orgs/{org}/applications/{app['id']}/sign", director, {"signature": b64u(sig)}), 200)

s, final = call("GET", f"/api/applications/{app['id']}", parent)
step("the parent sees", s, {k: final.get(k) for k in ("number", "status", "admission_type")})
s, hist = call("GET", f"/api/applications/{app['id']}/history", parent)
step("history", s, [(e["action"], e["role"]) for e in hist["items"]])
step("limits now", *call("GET", f"/api/orgs/{org}/limits?academic_year=2026-2027", director))
if final.get("status") != "accepted":
    sys.exit(f"walkthrough: the parent sees {final.get('status')}, not accepted")
print("\nwalkthrough: the application was accepted and signed")
