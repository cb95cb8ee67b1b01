"""Signed documents: CBOR/COSE/CWT payloads in QR codes, keys, trust list, status list."""
