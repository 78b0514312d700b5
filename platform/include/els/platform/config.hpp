#pragma once

#include "els/platform/mail-config.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
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

// Where the card reader's slot is, seen from the screen: the idle screen's arrow points there.
enum class ReaderPosition { Below, Right, Left };
// "below", "right" or "left", as in kiosk.conf.
std::string_view readerPositionName(ReaderPosition position) noexcept;

// Keys are Qt key sequence names ("F12", "Ctrl+S"), as a kiosk keypad or a tactile key sends them.
struct AccessibilityConfig {
    std::string speechKey = "F12";   // speech_key: turns speech output on and off
    std::string readCodeKey = "F11"; // read_code_key: speaks the activation code (headphones)
    bool cues = true;                // cues = on|off: tones for card read, error and card still in
    ReaderPosition readerPosition = ReaderPosition::Below; // reader_position = below|right|left
};

// [help]: the university's own texts on the help screen, one line each (empty: the kiosk's
// generic text only).
struct HelpConfig {
    std::string textPl;    // text_pl: more about this kiosk (hours, where else to order)
    std::string textEn;    // text_en
    std::string contactPl; // contact_pl: where help is (dean's office, IT help desk, phone)
    std::string contactEn; // contact_en
};

using ConfigOverrides = std::vector<std::pair<std::string, std::string>>; // {"usos.base_url", v}

// Why the kiosk cannot work with its configuration, for a technician: a stable code for logs
// and metrics (config_invalid, config_unreadable, secret_missing, secret_unreadable,
// secret_mode, secret_owner, secret_empty, the same five for journal_key_, ca_file_missing,
// ca_file_unreadable, client_cert_missing, client_key_missing, ..., anchors_missing,
// anchors_unreadable, journal_not_writable), one line naming the file or key (never a secret) and
// the fix.
struct ConfigProblem {
    std::string code;
    std::string message;
    std::string fix;
};

struct ConfigReading;

struct Config {
    std::filesystem::path file; // the file it was loaded from (absolute)
    UsosConfig usos;
    std::filesystem::path trustAnchors; // [trust] anchors: PEM file or directory, required
    std::filesystem::path journalPath;  // [journal] path, required
    // [journal] key_file: the student-hash key (0600, owned by the kiosk user); empty: next to
    // the journal (see journalStudentKey in journal.hpp).
    std::filesystem::path journalKeyFile;
    std::string readerName; // [reader] name: empty = first reader with a card
    TimingConfig timing;
    MailConfig mail;   // [mail]
    CloneConfig clone; // [clone]
    AccessibilityConfig accessibility;
    HelpConfig help;

    // Parses and validates; throws Error naming the file and the offending section/key/line.
    // Overrides ("section.key" → value) replace or add values before validation (tests, CLI).
    static Config load(const std::filesystem::path& file, const ConfigOverrides& overrides = {});

    // Like load, but never throws: every problem of the file (not only the first), with the
    // values that were valid and defaults or empty values for the others (for doctor).
    static ConfigReading read(const std::filesystem::path& file,
                              const ConfigOverrides& overrides = {});

    // The consumer secret (readSecret with the credential name consumer-secret): a plain
    // [usos] secret_file must be a regular file with mode 0600 or stricter, owned by the
    // running user or root, and not empty; throws Error with the fix otherwise.
    std::string readConsumerSecret() const;
};

struct ConfigReading {
    Config config;
    std::vector<ConfigProblem> problems; // empty: the file is valid
};

// Whether the running user can work with what a valid config points at: the secret file
// (private, readable, not empty), ca_file and client certificate files, the trust anchors
// (present, readable) and the journal folder (writable). Empty when usable. Files only, no
// network: the app at start, `kioskctl status` (metrics) and `kioskctl doctor` (run as the
// service user) all call it, so they agree on what "broken" means.
std::vector<ConfigProblem> checkConfigUsable(const Config& config);

// Every "section.key" the file may contain, in documentation order.
const std::vector<std::string_view>& configKeys();

// Sets one "section.key" in the file, keeping comments and other lines, after checking the key
// is known and the value well-formed (required keys may still be missing: a technician fills
// the file one key at a time). Atomic (temp file, then rename). For `kioskctl config set`.
void setConfigValue(const std::filesystem::path& file, std::string_view key,
                    std::string_view value);

// Reads a secret file with the permission checks of Config::readConsumerSecret.
std::string readSecretFile(const std::filesystem::path& file);

// A secret at rest as a systemd credential: a file named *.cred holds `systemd-creds encrypt`
// output (host key, and the TPM2 where present); els-kiosk.service gets it decrypted with
// LoadCredentialEncrypted=NAME:FILE.
bool isEncryptedCredential(const std::filesystem::path& file);

// $CREDENTIALS_DIRECTORY/NAME when the program runs with that systemd credential.
std::optional<std::filesystem::path> credentialFromSystemd(std::string_view name);

// `systemd-creds decrypt --name=NAME FILE -` (root only: the host key is root's); throws Error.
std::string decryptCredential(const std::filesystem::path& file, std::string_view name);

// `systemd-creds encrypt --name=NAME - FILE` (root; the host key, and the TPM2 too where there
// is one), FILE then mode 0600; throws Error and leaves an existing FILE as it was on failure.
void encryptCredential(const std::string& secret, std::string_view name,
                       const std::filesystem::path& file);

// A secret the config names (consumer-secret, journal-key): the systemd credential NAME when
// present, else the file — decrypted when it is an encrypted credential, else read with
// readSecretFile's checks. Throws Error with the fix.
std::string readSecret(const std::filesystem::path& file, std::string_view credentialName);

} // namespace els::platform
