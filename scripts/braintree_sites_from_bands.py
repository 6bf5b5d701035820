#!/usr/bin/env python3
"""Turn Braintree's 2009 land supply table (dwellings by ward and site-size band) into sites.

Usage: scripts/braintree_sites_from_bands.py > rulesets/braintree/land_supply_2009_sites.csv

The method (stated in the README, checked by tests/unit/braintree_portfolio_test.cpp):
- a cell of a bounded band (1-3, 4, 5, 6-10, 11-14) is split into the fewest sites that fit the
  band, ceil(total / largest size), as evenly as possible (sizes differ by at most one);
- a cell of the band "15 or more" is one site;
- a cell holding fewer dwellings than its band's smallest site (the unbuilt rest of a larger site:
  3 dwellings on sites of 11-14 in Sible Hedingham) is one site of those dwellings;
- each site's area is its size at 30 dwellings per hectare, rounded to 0.01 ha, where its size is
  its dwellings or, for the rest of a larger site, the band's smallest size. 30 dph is PPS3's
  national indicative minimum density and the density behind the report's pairs of thresholds:
  15 dwellings or 0.5 ha, 10 or 0.33 ha, 5 or 0.16 ha.
"""
import csv
import math
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

BANDS = {"1-3": (1, 3), "4": (4, 4), "5": (5, 5), "6-10": (6, 10), "11-14": (11, 14), "15 or more": (15, None)}


def area(size):
    return (Decimal(size) / Decimal(30)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def place_names():
    """Each location's name as the table writes it, from the ruleset's `enum location`."""
    text = open("rulesets/braintree/core_strategy_2009.spd").read()
    block = text[text.index("enum location"):]
    block = block[: block.index("\n\n")]
    return dict(re.findall(r'^\s*(\w+) "([^"]+)"', block, re.M))


def main():
    names = place_names()
    rows = csv.DictReader(open("rulesets/braintree/land_supply_2009_bands.csv"))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["name", "location", "dwellings", "site_area"])
    for r in rows:
        total = int(r["dwellings"])
        low, high = BANDS[r["band"]]
        if high is None or total < low:
            sizes = [total]
        else:
            n = math.ceil(total / high)
            sizes = [total // n + (1 if i < total % n else 0) for i in range(n)]
        for i, size in enumerate(sizes):
            name = f"{names[r['location']]}: sites of {r['band']}, {i + 1} of {len(sizes)}"
            out.writerow([name, r["location"], size, f"{area(max(size, low))} ha"])


if __name__ == "__main__":
    main()
