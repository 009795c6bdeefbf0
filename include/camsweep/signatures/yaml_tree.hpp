#pragma once
// A signature file as a tree of YAML nodes, read in one pass of yaml-cpp's event parser. The pass
// refuses aliases (the material of "billion laughs" bombs) and more than a bound of nodes before
// they are built, which a separate scan in front of YAML::Load used to do: reading every file
// twice was half of camsweep's start-up (docs/performance.md). YamlNode answers the part of
// YAML::Node's interface the loader uses, with the same answers: marks, null nodes, the first of
// duplicate keys, missing keys (an invalid node through a const handle, an undefined one through
// a mutable handle, inserted as YAML::Node does), and the same exceptions.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace camsweep {

// Thrown by read_yaml at the first alias or at the node past the bound.
struct YamlLimitError {
    YAML::Mark mark;
    std::string message;
};

class YamlNode {
public:
    struct Tree;
    class iterator;

    YamlNode() = default;  // as YAML::Node(): a null node without a mark (an empty file's root)

    explicit operator bool() const;  // defined: not a missing key
    bool IsNull() const;
    bool IsScalar() const;
    bool IsSequence() const;
    bool IsMap() const;
    const std::string& Scalar() const;
    YAML::Mark Mark() const;
    std::size_t size() const;
    YamlNode operator[](const char* key) const;
    YamlNode operator[](const char* key);
    iterator begin() const;
    iterator end() const;

private:
    friend class YamlTreeBuilder;
    friend YamlNode read_yaml(std::string_view text, std::size_t max_nodes);
    enum class State : std::uint8_t { node, null_root, invalid };
    YamlNode(std::shared_ptr<Tree> tree, std::size_t index) : tree_(std::move(tree)), index_(index), state_(State::node) {}
    static YamlNode invalid(std::string key) {
        YamlNode n;
        n.state_ = State::invalid;
        n.invalid_key_ = std::move(key);
        return n;
    }
    int type() const;  // YAML::NodeType::value; throws YAML::InvalidNode for a missing key

    std::shared_ptr<Tree> tree_;
    std::size_t index_ = 0;
    State state_ = State::null_root;
    std::string invalid_key_;
};

// One entry of an iteration: the item of a sequence, or the key and value of a mapping pair.
struct YamlEntry : YamlNode {
    YamlNode first, second;
};

class YamlNode::iterator {
public:
    const YamlEntry& operator*() const { return entry_; }
    const YamlEntry* operator->() const { return &entry_; }
    iterator& operator++();
    bool operator==(const iterator& other) const { return position_ == other.position_; }
    bool operator!=(const iterator& other) const { return position_ != other.position_; }

private:
    friend class YamlNode;
    void settle();  // skips undefined pairs, fills entry_
    std::shared_ptr<Tree> tree_;
    std::size_t node_ = 0, position_ = 0, end_ = 0;
    YamlEntry entry_;
};

// Parses every document of `text` (each must be valid, free of aliases, and all together hold at
// most `max_nodes` nodes) and returns the first document's root. Throws YAML::Exception for
// invalid YAML and YamlLimitError for an alias or too many nodes, at the first one met.
YamlNode read_yaml(std::string_view text, std::size_t max_nodes);

}  // namespace camsweep
