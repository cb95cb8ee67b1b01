"""Signed document benchmarks: signing and verifying documents, and the QR size of a
realistic identity card. Prints JSON.

    python benchmarks/credentials_bench.py [--documents 5000] [--alg es256|eddsa] [--processes 2]

Signing is what issuing adds to a request: the Claim 169 payload in CBOR, COSE_Sign1, zlib
and base45. Verifying is a checkpoint's whole check of one QR text: base45, inflate, COSE,
key lookup in the trust list, signature, payload, validity and the status list. Both run in
one process on synthetic holders (no database); the times are wall-clock (perf_counter)
over the whole batch; verification is also given per second of this process's CPU time
(process_time), which a loaded machine disturbs much less. With ``--processes N``
verification is also timed spread over N worker processes (a checkpoint server's
throughput on N cores).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import time
from dataclasses import replace
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sijill.credentials import cose, qr, signing, statuslist, trustlist
from sijill.credentials.payload import DocType, Document, Holder, Weapon
from sijill.credentials.statuslist import StatusList, StatusListToken
from sijill.credentials.trustlist import TrustedKey, TrustList

YEAR = 365 * 24 * 3600
STATUS_URI = "urn:sijill:status-list:1"


def realistic(index: int, now: int) -> Document:
    """An identity card with long Latin and Arabic names, as the demo registry holds."""
    return Document(
        doc_type=DocType.IDENTITY_CARD,
        serial=f"SJ-IC-{index:08d}",
        regno="4WDL-0IIT-M",
        holder=Holder(
            full_name="Abdulrahman Mohammed Khaled al-Hassan al-Qurashi",
            arabic_name="عبد الرحمن محمد خالد الحسن القرشي",
            date_of_birth="19870312",
            gender="M",
            nationality="SY",
        ),
        issuer="sijill.example",
        issued_at=now - 3600,
        expires_at=now + 5 * YEAR,
        status_index=index,
        status_uri=STATUS_URI,
        country="SY",
        photo_hash=bytes(range(16)),
    )


def _key(alg: str) -> cose.PrivateKey:
    return (
        Ed25519PrivateKey.generate() if alg == "eddsa" else ec.generate_private_key(ec.SECP256R1())
    )


def _trust(key: cose.PrivateKey, now: int) -> tuple[TrustList, StatusListToken]:
    anchor = Ed25519PrivateKey.generate()
    trusted = TrustedKey(
        kid=cose.key_id(key.public_key()),
        alg=cose.alg_of(key),
        public_key=cose.public_bytes(key.public_key()),
        not_before=now - YEAR,
        sign_until=now + YEAR,
        not_after=now + 6 * YEAR,
        doc_types=(DocType.IDENTITY_CARD.value, "status-list"),
    )
    listed = TrustList("sijill.example", now, cose.public_bytes(anchor.public_key()), (trusted,))
    trust = trustlist.load(trustlist.sign(listed, anchor))
    token = StatusListToken(STATUS_URI, now, now + 86400, 86400, StatusList.build([0] * 100_000, 2))
    signed = statuslist.sign_token(token, key, trusted.kid)
    read, _ = signing.read_status_list(signed, trust, now)
    assert read is not None
    return trust, read


_WORKER: dict[str, Any] = {}


def _init_worker(key_pem: bytes, now: int) -> None:
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(key_pem, password=None)
    assert isinstance(key, Ed25519PrivateKey | ec.EllipticCurvePrivateKey)
    _WORKER["lists"] = _trust(key, now)
    _WORKER["now"] = now


def _verify_chunk(texts: list[str]) -> int:
    trust, status = _WORKER["lists"]
    results = [signing.verify_text(t, trust, status, _WORKER["now"]).outcome for t in texts]
    return sum(1 for r in results if r == signing.Outcome.VALID)


def _parallel(key: cose.PrivateKey, texts: list[str], now: int, processes: int) -> float:
    from cryptography.hazmat.primitives import serialization

    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    size = len(texts) // (processes * 4) + 1
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    with multiprocessing.Pool(processes, _init_worker, (pem, now)) as pool:
        pool.map(_verify_chunk, [chunks[0][:10]] * processes)  # warm the workers up
        started = time.perf_counter()
        valid = sum(pool.map(_verify_chunk, chunks))
        seconds = time.perf_counter() - started
    assert valid == len(texts)
    return len(texts) / seconds


def run(documents: int, alg: str, processes: int) -> dict[str, Any]:
    now = int(time.time())
    key = _key(alg)
    kid = cose.key_id(key.public_key())
    docs = [realistic(i, now) for i in range(documents)]
    started = time.perf_counter()
    texts = [signing.sign_document(doc, key, kid) for doc in docs]
    sign_seconds = time.perf_counter() - started
    trust, status = _trust(key, now)
    started, cpu_started = time.perf_counter(), time.process_time()
    outcomes = [signing.verify_text(t, trust, status, now).outcome for t in texts]
    verify_seconds = time.perf_counter() - started
    verify_cpu_seconds = time.process_time() - cpu_started
    assert set(outcomes) == {signing.Outcome.VALID}
    permit = replace(
        docs[0], doc_type=DocType.WEAPON_PERMIT, weapon=Weapon("AKM-1981-44170", "rifle", "AKM")
    )
    parallel = _parallel(key, texts, now, processes) if processes > 1 else None
    return {
        "alg": alg,
        "documents": documents,
        "sign_per_s": round(documents / sign_seconds),
        "verify_per_s": round(documents / verify_seconds),
        "verify_per_cpu_s": round(documents / verify_cpu_seconds),
        f"verify_per_s_{processes}_processes": parallel and round(parallel),
        "qr_text_chars": len(texts[0]),
        "qr_version_identity_card_m": qr.version(texts[0]),
        "qr_version_weapon_permit_m": qr.version(signing.sign_document(permit, key, kid)),
        "python": platform.python_version(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--alg", choices=("es256", "eddsa"), default="es256")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(run(args.documents, args.alg, args.processes), indent=1))


if __name__ == "__main__":
    main()
