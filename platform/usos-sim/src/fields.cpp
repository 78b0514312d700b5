#include "els/platform/usossim/fields.hpp"

#include "els/platform/usossim/api-error.hpp"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

namespace els::platform::usossim {
namespace {

// A selector that does not parse. The USOS error list has no code for this case; param_invalid
// (with param_name) is its generic code for a bad parameter value.
ApiError invalidFields(const std::string& why) {
    return std::move(
        ApiError(400, "param_invalid", "Invalid value of the 'fields' parameter: " + why)
            .withParam("fields"));
}

bool isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Recursive descent over "name[sub]|name"; `pos` ends on the first character not consumed.
std::vector<Selector> parseList(std::string_view text, std::size_t& pos, int depth) {
    if (depth > 8)
        throw invalidFields("nested too deeply");
    std::vector<Selector> out;
    while (true) {
        const std::size_t start = pos;
        while (pos < text.size() && isNameChar(text[pos]))
            ++pos;
        if (pos == start)
            throw invalidFields("empty or malformed field name");
        Selector selector{std::string(text.substr(start, pos - start)), {}};
        if (pos < text.size() && text[pos] == '[') {
            ++pos;
            selector.sub = parseList(text, pos, depth + 1);
            if (pos >= text.size() || text[pos] != ']')
                throw invalidFields("unbalanced brackets");
            ++pos;
        }
        out.push_back(std::move(selector));
        if (pos < text.size() && text[pos] == '|') {
            ++pos;
            continue;
        }
        return out;
    }
}

std::vector<Selector> defaultsOf(const Schema& schema) {
    std::vector<Selector> out;
    for (const auto& field : schema)
        if (field.byDefault)
            out.push_back({field.name, {}});
    return out;
}

QJsonValue selectObject(const QJsonObject& full, const std::vector<Selector>& selection,
                        const Schema& schema) {
    QJsonObject out;
    for (const auto& selector : selection.empty() ? defaultsOf(schema) : selection) {
        const auto field = std::find_if(schema.begin(), schema.end(), [&](const FieldSpec& f) {
            return f.name == selector.name;
        });
        // USOS: field_not_found / field_invalid, naming the field (the service adds the method).
        if (field == schema.end())
            throw std::move(
                ApiError(400, "field_not_found", "Field '" + selector.name + "' does not exist.")
                    .withField(selector.name));
        if (field->sub.empty() && !selector.sub.empty())
            throw std::move(
                ApiError(400, "field_invalid", "Field '" + selector.name + "' has no subfields.")
                    .withField(selector.name));
        const QString key = QString::fromStdString(selector.name);
        const QJsonValue value = full.value(key);
        out.insert(key, field->sub.empty() ? value : selectFields(value, selector.sub, field->sub));
    }
    return out;
}

} // namespace

std::vector<Selector> parseSelectors(std::string_view text) {
    if (text.empty())
        return {};
    std::size_t pos = 0;
    auto out = parseList(text, pos, 0);
    if (pos != text.size())
        throw invalidFields("unexpected character");
    return out;
}

QJsonValue selectFields(const QJsonValue& full, const std::vector<Selector>& selection,
                        const Schema& schema) {
    if (full.isArray()) {
        QJsonArray out;
        for (const auto& element : full.toArray())
            out.append(selectFields(element, selection, schema));
        return out;
    }
    if (full.isObject())
        return selectObject(full.toObject(), selection, schema);
    // null (e.g. no LangDict) stays null, but the selection must still name real fields
    if (!selection.empty())
        selectObject(QJsonObject{}, selection, schema);
    return full;
}

} // namespace els::platform::usossim
