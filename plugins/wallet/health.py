"""Provider health: chain id, head block, latency and lag behind the best head seen."""

from __future__ import annotations

import time

from plugins.wallet import chain, rpc


def report(expected_chain_id: int | None) -> dict:
    client = chain.client()
    providers = [_probe(url, client.timeout, expected_chain_id) for url in client.urls]
    heads = [p["head"] for p in providers if p["head"] is not None]
    best = max(heads) if heads else None
    for p in providers:
        p["lag"] = best - p["head"] if best is not None and p["head"] is not None else None
    ok = any(p["ok"] for p in providers)
    return {"status": "ok" if ok else "down", "best_head": best, "providers": providers}


def _probe(url: str, timeout: float, expected: int | None) -> dict:
    breaker = rpc.breaker(url)
    out = {"url": url, "head": None, "chain_id": None, "latency_ms": None, "error": None}
    started = time.monotonic()
    try:
        answers = rpc.post(
            url,
            [
                {"jsonrpc": "2.0", "id": 0, "method": "eth_chainId", "params": []},
                {"jsonrpc": "2.0", "id": 1, "method": "eth_blockNumber", "params": []},
            ],
            timeout,
        )
        by_id = {a["id"]: a.get("result") for a in answers}
        out["chain_id"], out["head"] = int(by_id[0], 16), int(by_id[1], 16)
        out["latency_ms"] = round((time.monotonic() - started) * 1000, 1)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
    matches = expected is None or out["chain_id"] == expected
    if out["chain_id"] is not None and not matches:
        out["error"] = f"chain id {out['chain_id']}, expected {expected}"
    out["ok"] = out["error"] is None
    out["breaker"] = breaker.state
    out["failures"] = breaker.failures
    return out
