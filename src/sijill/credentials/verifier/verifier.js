// Sijill offline document verifier: base45, zlib (DecompressionStream), CBOR, COSE_Sign1
// and the token status list, checked with the browser's WebCrypto against the trust list
// embedded in this page. The same order of checks as sijill.credentials.signing.
"use strict";

const B45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
const CLAIM_169 = 169, SIJILL = -65537, STATUS = 65535;
const TYPES = ["identity-card", "residence-permit", "weapon-permit"];

function fail(message) { throw new Error(message); }

function base45(text) {
  const out = [];
  for (let i = 0; i < text.length; i += 3) {
    const chunk = text.slice(i, i + 3).split("").map((c) => {
      const v = B45.indexOf(c);
      if (v < 0) fail("not base45");
      return v;
    });
    if (chunk.length === 1) fail("not base45");
    const n = chunk.reduce((acc, v, k) => acc + v * 45 ** k, 0);
    if (chunk.length === 3) {
      if (n > 0xffff) fail("not base45");
      out.push(n >> 8, n & 0xff);
    } else {
      if (n > 0xff) fail("not base45");
      out.push(n);
    }
  }
  return new Uint8Array(out);
}

async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function cbor(bytes) {
  let pos = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  function need(n) { if (pos + n > bytes.length) fail("truncated CBOR"); }
  function length(info) {
    if (info < 24) return info;
    const size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
    if (!size) fail("unsupported CBOR length");
    need(size);
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + bytes[pos + i];
    pos += size;
    return n;
  }
  function item() {
    need(1);
    const first = bytes[pos++], major = first >> 5, info = first & 31;
    if (major === 7) {
      if (info === 20) return false;
      if (info === 21) return true;
      if (info === 22 || info === 23) return null;
      if (info === 25) { need(2); pos += 2; return view.getFloat16 ? view.getFloat16(pos - 2) : NaN; }
      if (info === 26) { need(4); pos += 4; return view.getFloat32(pos - 4); }
      if (info === 27) { need(8); pos += 8; return view.getFloat64(pos - 8); }
      fail("unsupported CBOR simple value");
    }
    const n = length(info);
    switch (major) {
      case 0: return n;
      case 1: return -1 - n;
      case 2: need(n); pos += n; return bytes.slice(pos - n, pos);
      case 3: need(n); pos += n; return new TextDecoder("utf-8", { fatal: true }).decode(bytes.slice(pos - n, pos));
      case 4: { const a = []; for (let i = 0; i < n; i++) a.push(item()); return a; }
      case 5: { const m = new Map(); for (let i = 0; i < n; i++) { const k = item(); m.set(k, item()); } return m; }
      case 6: return { tag: n, value: item() };
    }
    fail("bad CBOR");
  }
  const value = item();
  if (pos !== bytes.length) fail("trailing bytes after CBOR");
  return value;
}

function head(major, n) {
  if (n < 24) return [(major << 5) | n];
  if (n < 256) return [(major << 5) | 24, n];
  if (n < 65536) return [(major << 5) | 25, n >> 8, n & 255];
  return [(major << 5) | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function sigStructure(protectedRaw, payload) {
  const parts = [[0x84], head(3, 10), Array.from(new TextEncoder().encode("Signature1")),
    head(2, protectedRaw.length), Array.from(protectedRaw), [0x40],
    head(2, payload.length), Array.from(payload)];
  return new Uint8Array(parts.flat());
}

function sign1(bytes) {
  let value = cbor(bytes);
  if (value && value.tag !== undefined) {
    if (value.tag !== 18) fail("not a COSE_Sign1");
    value = value.value;
  }
  if (!Array.isArray(value) || value.length !== 4) fail("not a COSE_Sign1");
  const [protectedRaw, unprotectedMap, payload, signature] = value;
  const prot = protectedRaw.length ? cbor(protectedRaw) : new Map();
  return {
    protectedRaw: prot.size ? protectedRaw : new Uint8Array(0), prot, payload, signature,
    alg: prot.get(1), kid: prot.get(4) || unprotectedMap.get(4),
  };
}

async function verifySignature(message, alg, rawKey) {
  if (message.alg !== alg) return false;
  const data = sigStructure(message.protectedRaw, message.payload);
  if (alg === -7) {
    const key = await crypto.subtle.importKey("raw", rawKey, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, message.signature, data);
  }
  if (alg === -8) {
    const key = await crypto.subtle.importKey("raw", rawKey, { name: "Ed25519" }, false, ["verify"]);
    return crypto.subtle.verify({ name: "Ed25519" }, key, message.signature, data);
  }
  return false;
}

const hex = (b) => Array.from(b || [], (x) => x.toString(16).padStart(2, "0")).join("");
const b64 = (text) => Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));

async function loadTrustList(bytes) {
  const message = sign1(bytes);
  if (message.prot.get(16) !== "application/sijill-trustlist+cbor") fail("not a trust list");
  const raw = cbor(message.payload);
  const anchor = raw.get("anchor");
  const anchorChecked = await verifySignature(message, -8, anchor).catch(() => null);
  if (anchorChecked === false) fail("the trust list's signature does not verify");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", anchor));
  const keys = raw.get("keys").map((k) => ({
    kid: hex(k.get("kid")), alg: k.get("alg"), key: k.get("key"), nbf: k.get("nbf"),
    until: k.get("until"), exp: k.get("exp"), types: k.get("types"),
  }));
  return { issuer: raw.get("iss"), issuedAt: raw.get("iat"), keys,
    fingerprint: hex(digest).slice(0, 32), anchorChecked: anchorChecked === true };
}

const maySign = (key, use, at) => key.types.includes(use) && key.nbf <= at && at <= key.until;

async function loadStatusList(bytes, trust) {
  const message = sign1(bytes);
  if (message.prot.get(16) !== "application/statuslist+cwt") fail("not a status list token");
  const claims = cbor(message.payload);
  const key = trust.keys.find((k) => k.kid === hex(message.kid));
  if (!key || !maySign(key, "status-list", claims.get(6))) fail("the status list is not signed by a trusted key");
  if (!(await verifySignature(message, key.alg, key.key))) fail("the status list's signature does not verify");
  const list = claims.get(65533);
  return { uri: claims.get(2), issuedAt: claims.get(6), expiresAt: claims.get(4),
    bits: list.get("bits"), data: await inflate(list.get("lst")) };
}

function statusAt(list, index) {
  const perByte = 8 / list.bits, byte = Math.floor(index / perByte);
  if (index < 0 || byte >= list.data.length) return null;
  return (list.data[byte] >> ((index % perByte) * list.bits)) & ((1 << list.bits) - 1);
}

function documentOf(claims) {
  const c169 = claims.get(CLAIM_169), own = claims.get(SIJILL), status = claims.get(STATUS);
  if (!(c169 instanceof Map) || !(own instanceof Map) || !(status instanceof Map)) fail("not a Sijill document");
  const weapon = own.get(5);
  const type = own.get(1);
  if (!TYPES.includes(type)) fail("unknown document type");
  return {
    type, serial: c169.get(1), regno: own.get(2), name: c169.get(4), arabicName: c169.get(19),
    dateOfBirth: c169.get(8), gender: { 1: "M", 2: "F" }[c169.get(9)], nationality: c169.get(13),
    issuer: claims.get(1), issuedAt: claims.get(6), expiresAt: claims.get(4),
    statusIndex: status.get("status_list").get("idx"), statusUri: status.get("status_list").get("uri"),
    weapon: weapon ? { serial: weapon.get(1), category: weapon.get(2), model: weapon.get(3) } : null,
    photoHash: own.get(4) instanceof Uint8Array ? hex(own.get(4)) : null,
  };
}

async function verifyText(text, trust, statusList, now) {
  let message;
  try {
    message = sign1(await inflate(base45(text.trim())));
  } catch (e) {
    return { outcome: "invalid", reason: "not a signed document" };
  }
  const key = trust.keys.find((k) => k.kid === hex(message.kid));
  if (!key) return { outcome: "unknown key", reason: "the signing key is not in the trust list" };
  if (!(await verifySignature(message, key.alg, key.key))) return { outcome: "invalid", reason: "the signature does not verify" };
  let doc;
  try { doc = documentOf(cbor(message.payload)); } catch (e) { return { outcome: "invalid", reason: e.message }; }
  if (!maySign(key, doc.type, doc.issuedAt)) return { outcome: "invalid", reason: "the key may not sign this document", doc };
  if (now >= doc.expiresAt || now >= key.exp) return { outcome: "expired", reason: "the document has expired", doc };
  if (now < doc.issuedAt) return { outcome: "invalid", reason: "the document is not valid yet", doc };
  if (!statusList) return { outcome: "status unknown", reason: "no status list", doc };
  const age = now - statusList.issuedAt;
  if (now >= statusList.expiresAt) return { outcome: "status unknown", reason: "the status list is out of date", doc, age };
  if (statusList.uri !== doc.statusUri) return { outcome: "status unknown", reason: "another status list", doc, age };
  const value = statusAt(statusList, doc.statusIndex);
  if (value === null) return { outcome: "status unknown", reason: "the document is not in the status list", doc, age };
  if (value !== 0) return { outcome: "revoked", reason: "the document was revoked", doc, age };
  return { outcome: "valid", reason: "signature, validity and status checked", doc, age };
}

// The document carries the SHA-256 of the holder's photograph file, cut to 16 bytes.
async function photoMatches(doc, bytes) {
  if (!doc || !doc.photoHash) return null;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return hex(digest.slice(0, 16)) === doc.photoHash;
}

window.SijillVerifier = { base45, inflate, cbor, sign1, loadTrustList, loadStatusList, verifyText, photoMatches };
