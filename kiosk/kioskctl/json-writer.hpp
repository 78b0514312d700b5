#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace els::kiosk::kioskctl {

// A JSON string literal: quotes, escapes, UTF-8 passed through; invalid UTF-8 becomes U+FFFD
// so the output always parses.
std::string jsonString(std::string_view text);

// One flat JSON object, keys in insertion order.
class JsonObject {
public:
    JsonObject& add(std::string_view key, std::string_view value);
    JsonObject& add(std::string_view key, const char* value) {
        return add(key, std::string_view(value));
    }
    JsonObject& add(std::string_view key, bool value);
    JsonObject& add(std::string_view key, unsigned long value);
    JsonObject& add(std::string_view key, const std::vector<std::string>& values);
    std::string str() const { return text_ + '}'; }

private:
    void key(std::string_view name);
    std::string text_ = "{";
};

} // namespace els::kiosk::kioskctl
