#include "camsweep/signatures/yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace camsweep {

// The nodes of the first document, by index; a mapping's children are key, value, key, value...
struct YamlNode::Tree {
    struct Data {
        YAML::NodeType::value type = YAML::NodeType::Null;
        bool defined = true;  // false: a value made by a mutable subscript for a missing key
        YAML::Mark mark = YAML::Mark::null_mark();
        std::string scalar;
        std::vector<std::size_t> children;
    };
    std::vector<Data> nodes;

    bool pair_defined(const Data& map, std::size_t i) const {
        return nodes[map.children[i]].defined && nodes[map.children[i + 1]].defined;
    }
    // The first pair whose key is the scalar `key` (YAML::Node compares keys as strings).
    const std::size_t* find(const Data& map, const char* key) const {
        for (std::size_t i = 0; i + 1 < map.children.size(); i += 2) {
            const Data& k = nodes[map.children[i]];
            if (k.type == YAML::NodeType::Scalar && k.scalar == key) return &map.children[i + 1];
        }
        return nullptr;
    }
    std::size_t add(YAML::NodeType::value type, std::string scalar = {}, bool defined = true) {
        Data d;
        d.type = type;
        d.defined = defined;
        d.scalar = std::move(scalar);
        nodes.push_back(std::move(d));
        return nodes.size() - 1;
    }
};

namespace {

const std::string kEmptyScalar;

}  // namespace

// ---- parsing ------------------------------------------------------------------------------------

class YamlTreeBuilder : public YAML::EventHandler {
public:
    explicit YamlTreeBuilder(std::size_t max_nodes) : max_nodes_(max_nodes), tree_(std::make_shared<YamlNode::Tree>()) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override { ++documents_; }
    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { add(YAML::NodeType::Null, mark, {}); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        throw YamlLimitError{mark, "YAML aliases are not allowed in signature files"};
    }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string& value) override {
        add(YAML::NodeType::Scalar, mark, value);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        open(YAML::NodeType::Sequence, mark);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        open(YAML::NodeType::Map, mark);
    }
    void OnMapEnd() override { close(); }

    YamlNode root() const { return has_root_ ? YamlNode(tree_, root_) : YamlNode(); }

private:
    // Counts every node of every document; builds those of the first.
    std::size_t add(YAML::NodeType::value type, const YAML::Mark& mark, const std::string& scalar) {
        if (++count_ > max_nodes_)
            throw YamlLimitError{mark, "more than " + std::to_string(max_nodes_) + " YAML nodes in one signature file"};
        if (documents_ > 0) return 0;
        std::size_t index = tree_->add(type, scalar);
        tree_->nodes[index].mark = mark;
        if (!open_.empty()) tree_->nodes[open_.back()].children.push_back(index);
        else if (!has_root_) {
            root_ = index;
            has_root_ = true;
        }
        return index;
    }
    void open(YAML::NodeType::value type, const YAML::Mark& mark) {
        std::size_t index = add(type, mark, {});
        if (documents_ == 0) open_.push_back(index);
    }
    void close() {
        if (documents_ == 0 && !open_.empty()) open_.pop_back();
    }

    std::size_t max_nodes_;
    std::size_t count_ = 0;
    int documents_ = 0;
    std::shared_ptr<YamlNode::Tree> tree_;
    std::vector<std::size_t> open_;
    std::size_t root_ = 0;
    bool has_root_ = false;
};

YamlNode read_yaml(std::string_view text, std::size_t max_nodes) {
    std::istringstream input{std::string(text)};
    YAML::Parser parser(input);
    YamlTreeBuilder builder(max_nodes);
    while (parser.HandleNextDocument(builder)) {
    }
    return builder.root();
}

// ---- the node interface -------------------------------------------------------------------------

int YamlNode::type() const {
    switch (state_) {
        case State::invalid: throw YAML::InvalidNode(invalid_key_);
        case State::null_root: return YAML::NodeType::Null;
        case State::node: break;
    }
    const Tree::Data& d = tree_->nodes[index_];
    return d.defined ? d.type : YAML::NodeType::Undefined;
}

YamlNode::operator bool() const {
    if (state_ == State::invalid) return false;
    return state_ == State::null_root || tree_->nodes[index_].defined;
}

bool YamlNode::IsNull() const { return type() == YAML::NodeType::Null; }
bool YamlNode::IsScalar() const { return type() == YAML::NodeType::Scalar; }
bool YamlNode::IsSequence() const { return type() == YAML::NodeType::Sequence; }
bool YamlNode::IsMap() const { return type() == YAML::NodeType::Map; }

const std::string& YamlNode::Scalar() const {
    if (state_ == State::invalid) throw YAML::InvalidNode(invalid_key_);
    return state_ == State::node ? tree_->nodes[index_].scalar : kEmptyScalar;
}

YAML::Mark YamlNode::Mark() const {
    if (state_ == State::invalid) throw YAML::InvalidNode(invalid_key_);
    return state_ == State::node ? tree_->nodes[index_].mark : YAML::Mark::null_mark();
}

std::size_t YamlNode::size() const {
    if (state_ == State::invalid) throw YAML::InvalidNode(invalid_key_);
    if (state_ == State::null_root) return 0;
    const Tree::Data& d = tree_->nodes[index_];
    if (!d.defined) return 0;
    if (d.type == YAML::NodeType::Sequence) return d.children.size();
    if (d.type != YAML::NodeType::Map) return 0;
    std::size_t n = 0;
    for (std::size_t i = 0; i + 1 < d.children.size(); i += 2)
        if (tree_->pair_defined(d, i)) ++n;
    return n;
}

YamlNode YamlNode::operator[](const char* key) const {
    if (state_ == State::invalid) throw YAML::InvalidNode(invalid_key_);
    if (state_ == State::null_root) return invalid(key);
    const Tree::Data& d = tree_->nodes[index_];
    if (d.type == YAML::NodeType::Scalar) throw YAML::BadSubscript(d.mark, key);
    if (d.type != YAML::NodeType::Map) return invalid(key);  // null, undefined, a sequence (no index keys)
    const std::size_t* value = tree_->find(d, key);
    return value ? YamlNode(tree_, *value) : invalid(key);
}

// As YAML::Node's mutable subscript: a missing key gets an undefined value, and a null (or
// undefined) node or a sequence becomes a mapping first.
YamlNode YamlNode::operator[](const char* key) {
    if (state_ == State::invalid) throw YAML::InvalidNode(invalid_key_);
    if (state_ == State::null_root) {
        tree_ = std::make_shared<Tree>();
        index_ = tree_->add(YAML::NodeType::Null);
        state_ = State::node;
    }
    Tree& tree = *tree_;
    if (tree.nodes[index_].type == YAML::NodeType::Scalar) throw YAML::BadSubscript(tree.nodes[index_].mark, key);
    if (tree.nodes[index_].type == YAML::NodeType::Sequence) {
        std::vector<std::size_t> items = std::move(tree.nodes[index_].children);
        tree.nodes[index_].children.clear();
        for (std::size_t i = 0; i < items.size(); ++i) {
            std::size_t k = tree.add(YAML::NodeType::Scalar, std::to_string(i));
            tree.nodes[index_].children.push_back(k);
            tree.nodes[index_].children.push_back(items[i]);
        }
    }
    if (tree.nodes[index_].type != YAML::NodeType::Map) {
        tree.nodes[index_].type = YAML::NodeType::Map;
        tree.nodes[index_].children.clear();
    }
    if (const std::size_t* value = tree.find(tree.nodes[index_], key)) return YamlNode(tree_, *value);
    std::size_t k = tree.add(YAML::NodeType::Scalar, key);
    std::size_t v = tree.add(YAML::NodeType::Null, {}, false);
    tree.nodes[index_].children.push_back(k);
    tree.nodes[index_].children.push_back(v);
    return YamlNode(tree_, v);
}

YamlNode::iterator YamlNode::begin() const {
    iterator it;
    if (state_ != State::node || !tree_->nodes[index_].defined) return it;
    const Tree::Data& d = tree_->nodes[index_];
    if (d.type != YAML::NodeType::Sequence && d.type != YAML::NodeType::Map) return it;
    it.tree_ = tree_;
    it.node_ = index_;
    it.end_ = d.children.size();
    it.settle();
    return it;
}

YamlNode::iterator YamlNode::end() const {
    iterator it;
    if (state_ != State::node || !tree_->nodes[index_].defined) return it;
    const Tree::Data& d = tree_->nodes[index_];
    if (d.type != YAML::NodeType::Sequence && d.type != YAML::NodeType::Map) return it;
    it.position_ = d.children.size();
    return it;
}

YamlNode::iterator& YamlNode::iterator::operator++() {
    const Tree::Data& d = tree_->nodes[node_];
    position_ += d.type == YAML::NodeType::Map ? 2 : 1;
    settle();
    return *this;
}

void YamlNode::iterator::settle() {
    const Tree::Data& d = tree_->nodes[node_];
    if (d.type == YAML::NodeType::Map) {
        while (position_ + 1 < end_ && !tree_->pair_defined(d, position_)) position_ += 2;
        if (position_ + 1 >= end_) {
            position_ = end_;
            return;
        }
        static_cast<YamlNode&>(entry_) = YamlNode::invalid({});
        entry_.first = YamlNode(tree_, d.children[position_]);
        entry_.second = YamlNode(tree_, d.children[position_ + 1]);
    } else if (position_ < end_) {
        static_cast<YamlNode&>(entry_) = YamlNode(tree_, d.children[position_]);
    }
}

}  // namespace camsweep
