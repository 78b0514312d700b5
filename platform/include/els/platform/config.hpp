#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The kiosk's one configuration file (INI: [section], key = value, '#'/';' comments). Every
// program takes it with --config FILE. Relative paths are relative to the file's folder.
namespace els::platform {

inline constexpr std::string_view defaultConfigPath = "/etc/els-kiosk/kiosk.conf";

struct UsosConfig {
    std::string baseUrl;                   // [usos] base_url (https://...), required
    std::filesystem::path caFile;          // [usos] ca_file: extra CA besides the system store
    std::string consumerKey;               // [usos] consumer_key, required
    std::filesystem::path secretFile;      // [usos] secret_file, required (mode 0600 or stricter)
    std::string actAsParam = "as_user_id"; // [usos] act_as_param
    std::string lookupMethod = "services/users/search2"; // [usos] lookup_method
    std::filesystem::path clientCert; // [usos] client_cert (mutual TLS to a gateway)
    std::filesystem::path clientKey;  // [usos] client_key (both or neither)
};

struct TimingConfig {
    std::chrono::milliseconds requestTimeout{8000}; // request_timeout_ms
    std::chrono::seconds orderDeadline{600};        // order_deadline_s
    std::chrono::milliseconds pollInitial{1000};    // poll_initial_ms
    std::chrono::milliseconds pollMax{10000};       // poll_max_ms
    std::chrono::seconds idleTimeout{60};           // idle_timeout_s
    std::chrono::seconds readyScreen{120};          // ready_screen_s
    std::chrono::seconds removalGrace{5};           // removal_grace_s
};

// Keys are Qt key sequence names ("F12", "Ctrl+S"), as a kiosk keypad or a tactile key sends them.
struct AccessibilityConfig {
    std::string speechKey = "F12";   // speech_key: turns speech output on and off
    std::string readCodeKey = "F11"; // read_code_key: speaks the activation code (headphones)
};

using ConfigOverrides = std::vector<std::pair<std::string, std::string>>; // {"usos.base_url", v}

struct Config {
    std::filesystem::path file; // the file it was loaded from (absolute)
    UsosConfig usos;
    std::filesystem::path trustAnchors; // [trust] anchors: PEM file or directory, required
    std::filesystem::path journalPath;  // [journal] path, required
    std::string readerName;             // [reader] name: empty = first reader with a card
    TimingConfig timing;
    AccessibilityConfig accessibility;

    // Parses and validates; throws Error naming the file and the offending section/key/line.
    // Overrides ("section.key" → value) replace or add values before validation (tests, CLI).
    static Config load(const std::filesystem::path& file, const ConfigOverrides& overrides = {});

    // Reads [usos] secret_file after checking it is a regular file with mode 0600 or stricter,
    // owned by the running user or root; throws Error with the fix otherwise.
    std::string readConsumerSecret() const;
};

// Every "section.key" the file may contain, in documentation order.
const std::vector<std::string_view>& configKeys();

// Sets one "section.key" in the file, keeping comments and other lines, after checking the key
// is known and the value well-formed (required keys may still be missing: a technician fills
// the file one key at a time). Atomic (temp file, then rename). For `kioskctl config set`.
void setConfigValue(const std::filesystem::path& file, std::string_view key,
                    std::string_view value);

// Reads a secret file with the permission checks of Config::readConsumerSecret.
std::string readSecretFile(const std::filesystem::path& file);

} // namespace els::platform
