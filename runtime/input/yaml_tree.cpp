#include "spdl/runtime/input/yaml_tree.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <streambuf>

namespace spdl::yaml {

Kind Node::kind() const {
  return tree_->items_[id_].kind;
}

std::string_view Node::scalar() const {
  if (!is_scalar()) return {};
  const auto& item = tree_->items_[id_];
  return std::string_view(tree_->text_).substr(item.first, item.count);
}

std::uint32_t Node::offset() const {
  return present() ? tree_->items_[id_].offset : 0;
}

std::size_t Node::size() const {
  if (!present()) return 0;
  const auto& item = tree_->items_[id_];
  if (item.kind == Kind::sequence) return item.count;
  if (item.kind == Kind::map) return item.count / 2;
  return 0;
}

Node Node::item(std::size_t i) const {
  const auto& item = tree_->items_[id_];
  return {tree_, tree_->children_[item.first + i]};
}

Node Node::key(std::size_t i) const {
  const auto& item = tree_->items_[id_];
  return {tree_, tree_->children_[item.first + 2 * i]};
}

Node Node::value(std::size_t i) const {
  const auto& item = tree_->items_[id_];
  return {tree_, tree_->children_[item.first + 2 * i + 1]};
}

Node Node::get(std::string_view wanted) const {
  if (!is_map()) return {};
  for (std::size_t i = 0; i < size(); ++i) {
    const Node k = key(i);
    if (k.is_scalar() && k.scalar() == wanted) return value(i);
  }
  return {};
}

Node Tree::root() const {
  return root_ ? Node(this, *root_) : Node();
}

namespace {

struct Stop {
  TreeProblem problem;
};

// The text as yaml-cpp reads it: a few kilobytes at a time, without a copy.
//
// yaml-cpp keeps every token it scans while a simple key may still be pending (a flow list at
// the start of a line might turn out to be the key of a mapping, `[a, b]: c`), and reads nothing
// out until the collection closes: about 270 bytes a token, so a 2 MB flow list cost half a
// gigabyte before its first event. Two things keep that bounded:
//  - a document that starts with `[` or `{` (every JSON file) is read as if `--- ` came first,
//    which is the same document, and after which yaml-cpp allows no key;
//  - anywhere else, more than max_pending_commas commas read without a single event means that
//    yaml-cpp is holding a collection whole: the reading stops, saying so.
class YamlSource : public std::streambuf {
 public:
  YamlSource(std::string_view text, std::size_t insert_at, const std::uint64_t& events)
      : text_(text), events_(events) {
    if (insert_at != std::string_view::npos) {
      head_.assign(text.substr(0, insert_at));
      head_ += document_start;
      rest_ = insert_at;
    } else {
      rest_ = 0;
    }
    served_head_ = head_.empty();
  }

  static constexpr std::string_view document_start = "--- ";
  static constexpr std::size_t max_pending_commas = 50'000;

 protected:
  int_type underflow() override {
    std::string_view next;
    if (!served_head_) {
      served_head_ = true;
      next = head_;
    } else {
      if (rest_ >= text_.size()) return traits_type::eof();
      next = text_.substr(rest_, std::min<std::size_t>(chunk, text_.size() - rest_));
      rest_ += next.size();
      guard(next);
    }
    char* begin = const_cast<char*>(next.data());
    setg(begin, begin, begin + next.size());
    return traits_type::to_int_type(*begin);
  }

 private:
  static constexpr std::size_t chunk = 4096;

  void guard(std::string_view next) {
    const auto commas = static_cast<std::size_t>(std::count(next.begin(), next.end(), ','));
    if (events_ != events_seen_) {
      events_seen_ = events_;
      pending_commas_ = 0;
    }
    pending_commas_ += commas;
    if (pending_commas_ > max_pending_commas) {
      throw Stop{{fmt::format("more than {} commas before anything here can be read: a flow list "
                              "or mapping ([...] or {{...}}) that starts its line is read whole "
                              "first; write a long one in block style, one item a line, or "
                              "after its key on the key's line",
                              max_pending_commas),
                  static_cast<std::uint32_t>(rest_ - next.size())}};
    }
  }

  std::string_view text_;
  std::string head_;  // the text before the insertion, and `--- `
  bool served_head_ = true;
  std::size_t rest_ = 0;  // the next byte of `text_` to serve
  const std::uint64_t& events_;
  std::uint64_t events_seen_ = 0;
  std::size_t pending_commas_ = 0;
};

// For a document that starts with a flow collection (after blank lines, comments and a byte
// order mark), the start of its line, where `--- ` may go; else npos.
std::size_t flow_document_start(std::string_view text) {
  const std::size_t mark = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  std::size_t i = mark;
  std::size_t line = mark;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n' || c == '\r') {
      line = ++i;
    } else if (c == ' ' || c == '\t') {
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;
    } else {
      return c == '[' || c == '{' ? line : std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

// A mark's offset in the text as given, the inserted `--- ` (at `insert_at`, npos for none) taken
// back out.
std::uint32_t offset_of(const YAML::Mark& mark, std::size_t insert_at) {
  if (mark.is_null() || mark.pos < 0) return 0;
  auto pos = static_cast<std::size_t>(mark.pos);
  if (insert_at != std::string_view::npos && pos >= insert_at) {
    const std::size_t shift = YamlSource::document_start.size();
    pos = pos >= insert_at + shift ? pos - shift : insert_at;
  }
  return static_cast<std::uint32_t>(pos);
}

}  // namespace

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(Tree& tree, const TreeLimits& limits, std::size_t insert_at)
      : tree_(tree), limits_(limits), insert_at_(insert_at) {}

  const std::uint64_t& events() const { return events_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    ++events_;
    if (documents_++ > 0) {
      throw Stop{
          {"a second document starts here; the text must hold one (one mapping, or one JSON "
           "object)",
           offset_of(mark)}};
    }
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    leaf(mark, Kind::null, anchor, {});
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    leaf(mark, Kind::scalar, anchor, value);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    ++events_;
    if (anchor >= anchors_.size() || !anchors_[anchor].complete) {
      throw Stop{{"this alias refers to a structure that holds it", offset_of(mark)}};
    }
    // The alias repeats its anchor's node without a copy, but counts as every node it repeats.
    count(anchors_[anchor].nodes, mark);
    add_child(anchors_[anchor].id, anchors_[anchor].nodes);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, Kind::sequence, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, Kind::map, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Anchor {
    std::uint32_t id = 0;
    std::uint64_t nodes = 0;
    bool complete = false;
  };
  struct Open {
    std::uint32_t id = 0;
    std::size_t first_child = 0;  // in pending_
    std::uint64_t nodes = 1;      // this node and all below it, aliases expanded
    YAML::anchor_t anchor = 0;
  };

  void count(std::uint64_t nodes, const YAML::Mark& mark) {
    counted_ += nodes;
    if (counted_ > limits_.max_nodes) {
      throw Stop{{fmt::format("more than {} values here (are YAML aliases repeating a "
                              "structure?)",
                              limits_.max_nodes),
                  offset_of(mark)}};
    }
  }

  std::uint32_t new_item(const YAML::Mark& mark, Kind kind) {
    tree_.items_.push_back({offset_of(mark), kind, 0, 0});
    return static_cast<std::uint32_t>(tree_.items_.size() - 1);
  }

  void name_anchor(YAML::anchor_t anchor, std::uint32_t id, std::uint64_t nodes, bool complete) {
    if (anchor == 0) return;
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    anchors_[anchor] = {id, nodes, complete};
  }

  void add_child(std::uint32_t id, std::uint64_t nodes) {
    if (open_.empty()) {
      tree_.root_ = id;
      return;
    }
    pending_.push_back(id);
    open_.back().nodes += nodes;
  }

  void leaf(const YAML::Mark& mark, Kind kind, YAML::anchor_t anchor, const std::string& value) {
    ++events_;
    count(1, mark);
    const std::uint32_t id = new_item(mark, kind);
    if (kind == Kind::scalar) {
      tree_.items_[id].first = static_cast<std::uint32_t>(tree_.text_.size());
      tree_.items_[id].count = static_cast<std::uint32_t>(value.size());
      tree_.text_ += value;
    }
    name_anchor(anchor, id, 1, true);
    add_child(id, 1);
  }

  void open(const YAML::Mark& mark, Kind kind, YAML::anchor_t anchor) {
    ++events_;
    count(1, mark);
    if (open_.size() >= limits_.max_depth) {
      throw Stop{
          {fmt::format("this is nested more than {} deep", limits_.max_depth), offset_of(mark)}};
    }
    const std::uint32_t id = new_item(mark, kind);
    name_anchor(anchor, id, 1, false);
    open_.push_back({id, pending_.size(), 1, anchor});
  }

  void close() {
    ++events_;
    const Open done = open_.back();
    open_.pop_back();
    auto& item = tree_.items_[done.id];
    item.first = static_cast<std::uint32_t>(tree_.children_.size());
    item.count = static_cast<std::uint32_t>(pending_.size() - done.first_child);
    tree_.children_.insert(tree_.children_.end(),
                           pending_.begin() + static_cast<std::ptrdiff_t>(done.first_child),
                           pending_.end());
    pending_.resize(done.first_child);
    name_anchor(done.anchor, done.id, done.nodes, true);
    add_child(done.id, done.nodes);
  }

  std::uint32_t offset_of(const YAML::Mark& mark) const {
    return spdl::yaml::offset_of(mark, insert_at_);
  }

  Tree& tree_;
  const TreeLimits& limits_;
  std::size_t insert_at_;
  std::uint64_t events_ = 0;
  std::vector<Open> open_;
  std::vector<std::uint32_t> pending_;  // children of the open nodes, innermost last
  std::vector<Anchor> anchors_;
  std::uint64_t counted_ = 0;
  int documents_ = 0;
};

std::variant<std::unique_ptr<Tree>, TreeProblem> read_yaml(std::string_view text,
                                                           const TreeLimits& limits) {
  auto tree = std::make_unique<Tree>();
  const std::size_t insert_at = flow_document_start(text);
  TreeBuilder builder(*tree, limits, insert_at);
  YamlSource source(text, insert_at, builder.events());
  std::istream in(&source);
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder) && limits.one_document) {
      parser.HandleNextDocument(builder);  // Stop when there is a second; nothing otherwise
    }
  } catch (const Stop& stop) {
    return stop.problem;
  } catch (const YAML::Exception& e) {
    return TreeProblem{fmt::format("this is not valid YAML: {}", e.msg),
                       offset_of(e.mark, insert_at)};
  }
  return tree;
}

}  // namespace spdl::yaml
