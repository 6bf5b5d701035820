#include "spdl/runtime/render/html.hpp"

#include <fmt/format.h>

namespace spdl {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string html_page(std::string_view title, std::string_view body) {
  static const char* const style = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 72rem;
       padding: 0 1.5rem; color: #1f2933; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 2px solid #d9e2ec; padding-bottom: .3rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
p.lead { color: #486581; margin-top: 0; }
table { border-collapse: collapse; margin: .8rem 0 1.2rem; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .7rem; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
th { background: #f0f4f8; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.up { color: #0b6e4f; font-weight: 600; }
.down { color: #b42318; font-weight: 600; }
.muted { color: #7b8794; font-size: .88rem; }
.card { display: inline-block; background: #f0f4f8; border-radius: .5rem; padding: .7rem 1rem; margin: 0 .7rem .7rem 0; }
.card b { display: block; font-size: 1.4rem; }
.card.unknown b { color: #7b8794; }
code { background: #f0f4f8; padding: .05rem .3rem; border-radius: .2rem; font-size: .88em; }
figure { margin: 1rem 0 2rem; }
figure svg { max-width: 100%; height: auto; }
td.kind { color: #7b8794; font-size: .88rem; white-space: nowrap; }
del { background: #fde2e1; color: #8a1c13; text-decoration: none; border-radius: .15rem; }
ins { background: #d3f5e3; color: #0b5137; text-decoration: none; border-radius: .15rem; }
details { margin: .6rem 0 1.2rem; }
summary { cursor: pointer; color: #334e68; font-weight: 600; }
tr.differs td { background: #fff7e6; }
table.totals { width: 100%; }
table.totals td:first-child { width: 40%; }
table.totals td.num { width: 15%; }
figcaption { color: #486581; font-size: .9rem; }
.decision { background: #f0f4f8; border-left: 4px solid #334e68; padding: .2rem 1rem; margin: 1rem 0; }
.decision h2 { border: none; margin-top: .6rem; }
p.outcome { background: #f8fafc; padding: .4rem .7rem; border-radius: .3rem; }
td.finding.up { color: #0b6e4f; font-weight: 600; }
td.finding.down { color: #b42318; font-weight: 600; }
.versions { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }
.version { flex: 1 1 20rem; background: #f0f4f8; border-radius: .5rem; padding: .2rem 1rem; }
.version h2 { border: none; margin-top: .6rem; font-size: 1rem; color: #486581; }
.formula { margin-top: .25rem; font-size: .8rem; color: #52606d; }
.formula code { background: none; padding: 0; }
.member { display: inline-block; padding: .05rem .4rem; margin: .1rem 0; border-radius: .25rem;
          background: #f0f4f8; }
del.member { text-decoration: line-through; }
ins.member { font-weight: 600; }
tr.removed td:first-child { color: #b42318; }
tr.added td:first-child { color: #0b6e4f; }
.diff-summary ul { padding-left: 1.2rem; }
.diff-summary li { margin: .25rem 0; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; line-height: 1.35; }
  h1 { font-size: 15pt; }
  h2 { font-size: 12pt; margin-top: 1.2rem; break-after: avoid; }
  h3 { break-after: avoid; }
  table { width: 100%; font-size: 9pt; }
  tr, .card, p.outcome, .decision { break-inside: avoid; }
  section.policy { break-inside: auto; }
  .card { border: 1px solid #cbd2d9; }
  figure svg { max-width: 100%; }
  a { color: inherit; text-decoration: none; }
  /* A page on paper hides nothing: folded sections print open. */
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; cursor: auto; }
  .version { border: 1px solid #cbd2d9; break-inside: avoid; flex-basis: 40%; }
  del.member { border: 1px solid #8a1c13; }
  ins.member { border: 1px solid #0b5137; }
}
)";
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
      "charset=\"utf-8\">\n<title>{}</title>\n<style>{}</style>\n"
      "</head>\n<body>\n{}</body>\n</html>\n",
      html_escape(title), style, body);
}

}  // namespace spdl
