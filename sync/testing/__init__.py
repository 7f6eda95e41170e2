"""Tools for proving sync under faults: a real hub on a loopback port, a fault-injecting
and link-emulating TCP proxy, and a throwaway PostgreSQL cluster (tests and bench)."""
