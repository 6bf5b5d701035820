// The report's JSON writer lays text out byte for byte as nlohmann's dump(2) does (the reports'
// goldens and `spdl-report/1` depend on it): checked here on the texts its fast paths treat
// differently, beside nlohmann's own output for the same document.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <limits>
#include <string>
#include <vector>

#include "spdl/runtime/report/json_writer.hpp"

namespace {

// One object holding `text` as a key and as a value, an array of the numbers and a nested
// empty object and array, written both ways.
void same_as_nlohmann(const std::string& text, const std::vector<double>& numbers = {}) {
  spdl::JsonWriter w(8);  // room for almost nothing: growth is exercised too
  nlohmann::ordered_json j;
  w.begin_object();
  w.key_text(text);
  w.string(text);
  j[text] = text;
  w.key("numbers");
  w.begin_array();
  for (const double n : numbers) w.number(n);
  w.end_array();
  j["numbers"] = nlohmann::ordered_json::array();
  for (const double n : numbers) j["numbers"].push_back(n);
  w.key("deep");
  w.begin_array();
  nlohmann::ordered_json* at = &j["deep"];
  *at = nlohmann::ordered_json::array();
  for (int level = 0; level < 40; ++level) {  // indents past the writer's 64-byte run of spaces
    w.begin_array();
    at->push_back(nlohmann::ordered_json::array());
    at = &at->back();
  }
  w.null();
  at->push_back(nullptr);
  for (int level = 0; level <= 40; ++level) w.end_array();
  w.key("empty");
  w.begin_object();
  w.end_object();
  j["empty"] = nlohmann::ordered_json::object();
  w.end_object();
  INFO(text);
  CHECK(w.finish() ==
        j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

}  // namespace

TEST_CASE("json writer: text, escapes and numbers as nlohmann writes them", "[report]") {
  same_as_nlohmann("");
  same_as_nlohmann("H16");
  same_as_nlohmann("exactly8");
  same_as_nlohmann("a text of more than eight bytes, with no escape at all");
  same_as_nlohmann("£17,000 to £24,999 × 40% → 24 dwellings ≈ 0.3614");  // past ASCII
  same_as_nlohmann("a \"quoted\" word and a back\\slash");
  same_as_nlohmann("a tab\there, a line\nbreak, a \r return, \b \f and \x01\x1f");
  same_as_nlohmann("\x7f is not escaped");
  same_as_nlohmann("ends in a quote\"");
  same_as_nlohmann("invalid \xff\xfe UTF-8 is replaced");
  same_as_nlohmann("cut short \xe2\x82");
  // Sixteen bytes at a time, then eight, then the rest: each kind of byte in each part.
  const std::string plain = "sixteen bytes, a second sixteen, and some";
  for (const char* odd : {"\"", "\\", "\x01", "\x1f", "\n", "\x7f", " ", "\xc2\xa3", "\xff"}) {
    for (const std::size_t at : {0, 7, 15, 16, 23, 31, 32, 39}) {
      same_as_nlohmann(plain.substr(0, at) + odd + plain.substr(at));
    }
    // Short texts are read in words that overlap: the first and last bytes of each length.
    for (const std::size_t length : {1, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17}) {
      for (const std::size_t at : {std::size_t{0}, length / 2, length - 1}) {
        same_as_nlohmann(plain.substr(0, at) + odd + plain.substr(at, length - 1 - at));
      }
    }
  }
  same_as_nlohmann("with numbers",
                   {0.0, -0.0, 24.0, 0.4, 2.4, 1.0 / 3.0, 1e20, 1e-7, 5281380.0, -3.5,
                    std::numeric_limits<double>::quiet_NaN(),
                    std::numeric_limits<double>::infinity(), 1.7976931348623157e308});
}
