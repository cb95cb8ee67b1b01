"""Transfers between states: outgoing batches with non-refoulement safeguards, signed
manifests, handover reconciliation, and incoming batches matched against the registry.

- ``risk`` (pure): the country-risk levels, individual protection factors and the
  non-refoulement assessment.
- ``readiness`` (pure): whether one person of a batch may go, with the reasons.
- ``manifest`` (pure): canonical JSON and the signed manifest file, signed by the
  credentials' ``Signer`` and checked against the sender's trust list.
- ``guards``: every integration point with other modules (holds, screening, identity,
  cases), one small function each.
"""
