#pragma once

#include "els/platform/usos-types.hpp"

#include <QJsonValue>
#include <string_view>

// USOS JSON answers → typed values. Throws UsosError(BadResponse) on a shape we do not know;
// tolerant where USOS is loose (ids as numbers or strings, null for "none").
namespace els::platform::usosjson {

Installation parseInstallation(const QJsonValue& json);
UsosUser parseUser(const QJsonValue& json);
std::vector<UsosCard> parseCards(const QJsonValue& json);
McardInfo parseMcard(const QJsonValue& json);
McardOrder parseMcardOrder(const QJsonValue& json);
bool parseSuccess(const QJsonValue& json);                     // {"success": true|false}
std::optional<LangText> parseLangText(const QJsonValue& json); // null → nullopt
// services/cards/card → the owner's user id (field user.id).
std::string parseCardOwner(const QJsonValue& json);
// The user id of the one item whose user.student_number equals albumNumber; nullopt if none.
std::optional<std::string> parseLookup(const QJsonValue& json, std::string_view albumNumber);

} // namespace els::platform::usosjson
