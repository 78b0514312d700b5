#pragma once

#include <QJsonValue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The USOS `fields` selector: "a|b[c|d]|e" picks result fields, nested in brackets.
namespace els::platform::usossim {

struct FieldSpec;
using Schema = std::vector<FieldSpec>;

// What a method can return: each field, whether it comes without being asked for, and the
// schema of its sub-object (or of each element of its list).
struct FieldSpec {
    FieldSpec(std::string fieldName, bool selectedByDefault = true, Schema subSchema = {})
        : name(std::move(fieldName)), byDefault(selectedByDefault), sub(std::move(subSchema)) {}

    std::string name;
    bool byDefault = true;
    Schema sub;
};

struct Selector {
    std::string name;
    std::vector<Selector> sub;
};

// Throws ApiError (param_invalid) on bad syntax.
std::vector<Selector> parseSelectors(std::string_view text);

// Keeps only the selected fields of `full` (an object, or a list of objects); an empty
// selection means the schema's defaults. Throws ApiError for a field the schema lacks.
QJsonValue selectFields(const QJsonValue& full, const std::vector<Selector>& selection,
                        const Schema& schema);

} // namespace els::platform::usossim
