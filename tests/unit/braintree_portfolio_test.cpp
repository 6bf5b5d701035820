// The Braintree land supply: the transcribed table must give the report's own totals, and the
// sites made from it must follow the method stated in scripts/braintree_sites_from_bands.py.

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace {

std::vector<std::vector<std::string>> read_csv(const std::string& relative) {
  std::ifstream in(std::string(SPDL_SOURCE_DIR) + "/" + relative);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (const char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
    fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

const std::set<std::string> urban = {
    "bocking_blackwater",  "bocking_north",    "bocking_south",
    "braintree_central",   "braintree_east",   "braintree_south",
    "halstead_st_andrews", "halstead_trinity", "witham_chipping_hill_and_central",
    "witham_north",        "witham_south",     "witham_west"};
const std::set<std::string> listed_below = {"premdor_sible_hedingham", "crittalls_silver_end",
                                            "panfield_lane_braintree", "hatfield_road_witham",
                                            "forest_road_witham"};
const std::vector<std::string> bands = {"1-3", "4", "5", "6-10", "11-14", "15 or more"};

}  // namespace

TEST_CASE("the land supply table gives the report's totals", "[braintree]") {
  std::map<std::string, int> all, urban_total, rural_total, with_growth;
  for (const auto& r : read_csv("rulesets/braintree/land_supply_2009_bands.csv")) {
    const int n = std::stoi(r[2]);
    with_growth[r[1]] += n;
    if (listed_below.count(r[0])) continue;
    all[r[1]] += n;
    (urban.count(r[0]) ? urban_total : rural_total)[r[1]] += n;
  }
  // The "Total", "Urban" and "Rural totals" rows of the table, and the total with growth locations.
  CHECK(std::vector<int>{all["1-3"], all["4"], all["5"], all["6-10"], all["11-14"],
                         all["15 or more"]} == std::vector<int>{306, 52, 35, 143, 239, 1708});
  CHECK(std::vector<int>{urban_total["1-3"], urban_total["4"], urban_total["5"],
                         urban_total["6-10"], urban_total["11-14"], urban_total["15 or more"]} ==
        std::vector<int>{86, 24, 20, 103, 184, 1594});
  CHECK(std::vector<int>{rural_total["1-3"], rural_total["4"], rural_total["5"],
                         rural_total["6-10"], rural_total["11-14"],
                         rural_total["15 or more"]} == std::vector<int>{220, 28, 15, 40, 55, 114});
  CHECK(with_growth["15 or more"] == 3361);
  int urban_sum = 0;
  for (const auto& b : bands) urban_sum += urban_total[b];
  CHECK(urban_sum == 2011);
  // 1.6: "only 9.1% of dwellings (184 dws) were on sites of between 11-14 dwellings"; 184/2011
  // = 9.15%.
  CHECK(urban_total["11-14"] * 1000 / urban_sum == 91);
}

TEST_CASE("the sites follow the stated method and add up to the table", "[braintree]") {
  const std::map<std::string, std::pair<int, int>> limits = {
      {"1-3", {1, 3}},   {"4", {4, 4}},       {"5", {5, 5}},
      {"6-10", {6, 10}}, {"11-14", {11, 14}}, {"15 or more", {15, 0}}};
  std::map<std::pair<std::string, std::string>, int> cells;
  for (const auto& r : read_csv("rulesets/braintree/land_supply_2009_bands.csv"))
    cells[{r[0], r[1]}] = std::stoi(r[2]);
  std::map<std::pair<std::string, std::string>, std::vector<int>> sites;
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> areas;
  for (const auto& r : read_csv("rulesets/braintree/land_supply_2009_sites.csv")) {
    // name is "location: sites of BAND, i of n"
    const auto of = r[0].find(": sites of ");
    const auto comma = r[0].rfind(", ");
    const std::string band = r[0].substr(of + 11, comma - of - 11);
    sites[{r[1], band}].push_back(std::stoi(r[2]));
    areas[{r[1], band}].push_back(r[3]);
  }
  REQUIRE(sites.size() == cells.size());
  for (const auto& [cell, total] : cells) {
    INFO(cell.first << " " << cell.second);
    const auto& sizes = sites.at(cell);
    int sum = 0;
    for (const int s : sizes) sum += s;
    CHECK(sum == total);
    const auto [low, high] = limits.at(cell.second);
    if (high == 0 || total < low) {
      CHECK(sizes.size() == 1);
    } else {
      CHECK(sizes.size() == static_cast<std::size_t>((total + high - 1) / high));
      for (const int s : sizes) CHECK((s >= low && s <= high));
    }
  }
  // Areas at 30 dwellings per hectare: 14 dwellings on 0.47 ha, and the rest of a site of 15 or
  // more (Halstead Trinity, 11 dwellings) on the 0.5 ha of its band's smallest site.
  CHECK(areas.at({"bocking_south", "11-14"}).front() == "0.47 ha");
  CHECK(areas.at({"halstead_trinity", "15 or more"}).front() == "0.50 ha");
}
