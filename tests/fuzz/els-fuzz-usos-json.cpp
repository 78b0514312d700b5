// libFuzzer target for the USOS JSON answers (platform/src/usos-json.cpp): any bytes that Qt
// parses as JSON go through every parser, also every member and element one level down. Only
// els::platform::UsosError may come out (anything else terminates the run).
#include "els/platform/error.hpp"
#include "els/platform/usos-json.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace els::platform;

namespace {

template <typename Parse> void tolerant(Parse parse) {
    try {
        parse();
    } catch (const UsosError&) {
    }
}

void parseAll(const QJsonValue& json) {
    tolerant([&] { (void)usosjson::parseInstallation(json); });
    tolerant([&] { (void)usosjson::parseUser(json); });
    tolerant([&] { (void)usosjson::parseCards(json); });
    tolerant([&] { (void)usosjson::parseMcard(json); });
    tolerant([&] { (void)usosjson::parseMcardOrder(json); });
    tolerant([&] { (void)usosjson::parseSuccess(json); });
    tolerant([&] { (void)usosjson::parseLangText(json); });
    tolerant([&] { (void)usosjson::parseCardOwner(json); });
    tolerant([&] { (void)usosjson::parseLookup(json, "123456"); });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto document = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    QJsonValue json;
    if (document.isObject()) {
        json = document.object();
        for (const auto& member : document.object())
            parseAll(member);
    } else if (document.isArray()) {
        json = document.array();
        for (const auto& element : document.array())
            parseAll(element);
    }
    parseAll(json);
    return 0;
}
