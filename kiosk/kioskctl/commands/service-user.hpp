#pragma once

#include "els/platform/config.hpp"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace els::kiosk::kioskctl {

// The account els-kiosk.service runs as: what doctor and status check the files against.
struct ServiceUser {
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0;
};

// User= of the installed els-kiosk.service (/etc, then /lib and /usr/lib/systemd/system);
// "els-kiosk" when no unit file says.
std::string serviceUserName();

// The account by name; nullopt when it does not exist.
std::optional<ServiceUser> lookUpUser(const std::string& name);

// platform::checkConfigUsable as `user` sees the files: run as root, it runs in a child process
// that has dropped to that user and its groups (so ownership, modes, ACLs and read-only mounts
// all count, exactly as for the service); otherwise in this process. Call it before any thread
// starts (the child does more than exec). Throws std::runtime_error when the child cannot
// become the user.
std::vector<platform::ConfigProblem> checkConfigUsableAs(const platform::Config& config,
                                                         const ServiceUser& user);

} // namespace els::kiosk::kioskctl
