"""`make loadtest` (scripts/loadtest.sh): personas among the load data (`world`), a client
that drives them through the real pages (`client`), and the 100,000 due clocks of the
sweep's fault (`world.due_clocks_seed`). The verdict on the record is
helpdesk.invariants'."""
