#pragma once

#include "els/platform/mail-config.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Sections of the configuration parsed outside config.cpp, through the few operations they
// need from its parser.
namespace els::platform::detail {

struct SectionReader {
    std::function<std::optional<std::string>(std::string_view key)> text; // absent or empty: none
    std::function<std::filesystem::path(std::string_view key)> path;      // resolved; empty: none
    // Reports a bad value (thrown or collected, as the caller of the parser chose); the
    // section's parser then goes on with the default.
    std::function<void(std::string_view key, const std::string& problem)> fail;
    bool requireAll = true; // false while `kioskctl config set` fills a file key by key
};

// The keys of [mail] and [clone], in documentation order.
const std::vector<std::string_view>& mailAndCloneKeys();

MailConfig buildMailConfig(const SectionReader& reader);
CloneConfig buildCloneConfig(const SectionReader& reader);

} // namespace els::platform::detail
