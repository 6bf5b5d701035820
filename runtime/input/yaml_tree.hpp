#pragma once
// YAML (and JSON, its subset) read into a compact tree whose size is bounded while it is read.
// yaml-cpp's own tree (YAML::Load) costs about 500 bytes a node and is built whole before anyone
// can count it: a 2 MB flow list of a million zeros took half a gigabyte. Here yaml-cpp's event
// parser feeds a tree of 16-byte nodes, and the reading stops, with the place, at the first
// node past the limit (aliases counted as the nodes they repeat, so an alias bomb stops too), at
// nesting past the limit, and at a second document where only one may be.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace spdl::yaml {

enum class Kind : std::uint8_t { null, scalar, sequence, map };

struct TreeLimits {
  std::size_t max_nodes = 0;  // every node, map keys included, and every node an alias repeats
  std::size_t max_depth = 0;  // nested sequences and maps
  bool one_document = true;   // a second document is refused rather than ignored
};

class Tree;

// A node of a Tree, which must outlive it; a default Node is "absent" (a key not found).
class Node {
 public:
  Node() = default;
  bool present() const { return tree_ != nullptr; }
  explicit operator bool() const { return present(); }
  Kind kind() const;
  bool is_null() const { return present() && kind() == Kind::null; }
  bool is_scalar() const { return present() && kind() == Kind::scalar; }
  bool is_sequence() const { return present() && kind() == Kind::sequence; }
  bool is_map() const { return present() && kind() == Kind::map; }
  std::string_view scalar() const;       // a scalar's text; empty for anything else
  std::uint32_t offset() const;          // byte offset of the node in the text
  std::size_t size() const;              // items of a sequence, entries of a map
  Node item(std::size_t i) const;        // of a sequence
  Node key(std::size_t i) const;         // of a map's entry i
  Node value(std::size_t i) const;       // of a map's entry i
  Node get(std::string_view key) const;  // a map's first value under a scalar key, or absent

 private:
  friend class Tree;
  Node(const Tree* tree, std::uint32_t id) : tree_(tree), id_(id) {}
  const Tree* tree_ = nullptr;
  std::uint32_t id_ = 0;
};

struct TreeProblem {
  std::string message;  // "this is not valid YAML: end of map not found"
  std::uint32_t offset = 0;
};

class Tree {
 public:
  // The document's root, or absent when the text holds no document (empty, or comments only).
  Node root() const;

  struct Item {
    std::uint32_t offset = 0;
    Kind kind = Kind::null;
    std::uint32_t first = 0;  // scalar: where its text starts in `text_`; else in `children_`
    std::uint32_t count = 0;  // scalar: its length; sequence: items; map: keys and values
  };

 private:
  friend class Node;
  friend class TreeBuilder;
  friend class JsonTreeBuilder;
  std::vector<Item> items_;
  std::vector<std::uint32_t> children_;
  std::string text_;
  std::optional<std::uint32_t> root_;
};

// Reads `text`; the tree, or the first problem with where it is.
std::variant<std::unique_ptr<Tree>, TreeProblem> read_yaml(std::string_view text,
                                                           const TreeLimits& limits);

// Reads `text` as strict JSON (RFC 8259) into the tree read_yaml gives for the same text: a
// string, number or boolean as its scalar text, null as a null node, each node at the offset of
// its first character. A key twice in one object is a problem here (YAML would keep both). The
// service reads its bodies here: a scheme read this way took a quarter of the time it took as
// YAML (tests/bench/serve_bench.cpp). The problem's message is simdjson's, so a caller that needs
// a located, worded one for malformed JSON asks a validating parser after.
std::variant<std::unique_ptr<Tree>, TreeProblem> read_json(std::string_view text,
                                                           const TreeLimits& limits);

}  // namespace spdl::yaml
