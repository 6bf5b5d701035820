#pragma once
// Diagnostics are values: every stage returns them, none prints or throws them.

#include <string>
#include <vector>

#include "spdl/lang/base/source.hpp"

namespace spdl {

enum class Severity { error, warning, note };

struct Label {
  Span span;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;            // stable identifier for editors and tests, e.g. "unknown-name"
  std::string message;         // in a policy writer's words
  Span span;                   // primary location; may be invalid for whole-file problems
  std::string label;           // text under the primary caret
  std::vector<Label> related;  // "first defined here", "the other exception"
  std::string hint;            // "did you mean `site_area`?"
  std::string path;            // the file concerned, when there is no span
  std::string citation;        // the policy paragraph concerned, e.g. "H16 (i)"
};

class Diagnostics {
 public:
  Diagnostic& add(Diagnostic d);
  Diagnostic& error(std::string code, Span span, std::string message);
  Diagnostic& warning(std::string code, Span span, std::string message);
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& all() const { return items_; }
  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return items_.size() - errors_; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

struct RenderOptions {
  bool color = false;
};

// Compiler-style text: the message, file:line:col, the source line, a caret and the hint.
std::string render_text(const Diagnostic& d, const SourceSet& sources, RenderOptions options = {});
std::string render_text(const Diagnostics& ds, const SourceSet& sources,
                        RenderOptions options = {});

// For editors (documented in spec/diagnostics.md): {"diagnostics": [...], "errors": n, "warnings":
// n}.
std::string render_json(const Diagnostics& ds, const SourceSet& sources);

}  // namespace spdl
