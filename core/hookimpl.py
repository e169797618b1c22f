import pluggy

hookimpl = pluggy.HookimplMarker("ledgerline")
