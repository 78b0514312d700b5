#include "json-writer.hpp"

#include <cstdint>
#include <cstdio>

namespace els::kiosk::kioskctl {

namespace {
// Length of the well-formed UTF-8 sequence at the start of `s`, or 0 when it is not one
// (overlong forms, surrogates and values above U+10FFFF count as malformed).
std::size_t utf8Sequence(std::string_view s) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(s[i]); };
    const std::uint8_t lead = byte(0);
    if (lead < 0x80)
        return 1;
    struct Form {
        std::uint8_t mask;
        std::uint8_t pattern;
        std::size_t length;
        std::uint32_t minimum;
    };
    static constexpr Form forms[] = {
        {0xE0, 0xC0, 2, 0x80}, {0xF0, 0xE0, 3, 0x800}, {0xF8, 0xF0, 4, 0x10000}};
    const Form* form = nullptr;
    for (const auto& candidate : forms) {
        if ((lead & candidate.mask) == candidate.pattern)
            form = &candidate;
    }
    if (!form)
        return 0;
    const std::size_t length = form->length;
    const std::uint32_t minimum = form->minimum;
    std::uint32_t value = lead & static_cast<std::uint8_t>(~form->mask);
    if (s.size() < length)
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80)
            return 0;
        value = value << 6 | (byte(i) & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    return length;
}
} // namespace

std::string jsonString(std::string_view text) {
    std::string out = "\"";
    while (!text.empty()) {
        const char c = text.front();
        const std::size_t length = utf8Sequence(text);
        if (length == 0) {
            out += "\\ufffd";
            text.remove_prefix(1);
            continue;
        }
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
            out += escaped;
        } else {
            out.append(text.substr(0, length));
        }
        text.remove_prefix(length);
    }
    return out + '"';
}

void JsonObject::key(std::string_view name) {
    if (text_.size() > 1)
        text_ += ',';
    text_ += jsonString(name);
    text_ += ':';
}

JsonObject& JsonObject::add(std::string_view name, std::string_view value) {
    key(name);
    text_ += jsonString(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view name, bool value) {
    key(name);
    text_ += value ? "true" : "false";
    return *this;
}

JsonObject& JsonObject::add(std::string_view name, unsigned long value) {
    key(name);
    text_ += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::add(std::string_view name, const std::vector<std::string>& values) {
    key(name);
    text_ += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            text_ += ',';
        text_ += jsonString(values[i]);
    }
    text_ += ']';
    return *this;
}

} // namespace els::kiosk::kioskctl
