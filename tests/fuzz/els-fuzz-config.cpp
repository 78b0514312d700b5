// libFuzzer target for the configuration parser (platform/src/config.cpp): the input is the
// whole kiosk.conf. Only els::platform::Error may come out; a loaded config must hold what
// Config::load promises of the base URL.
#include "els/platform/config.hpp"
#include "els/platform/error.hpp"

#include <cstdlib>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

using namespace els::platform;

namespace {

// One in-memory file for the whole run: Config::load reads a path.
int memoryFile() {
    static const int fd = ::memfd_create("kiosk.conf", MFD_CLOEXEC);
    return fd;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const int fd = memoryFile();
    if (fd < 0 || ::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))
        std::abort();
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    try {
        const Config config = Config::load(path);
        // An empty base URL is allowed here (only the kiosk requires every key).
        if (const auto& url = config.usos.baseUrl; !url.empty()) {
            if (url.size() <= 8 || url.ends_with('/'))
                std::abort();
            const auto authority = url.substr(8, url.find_first_of("/?#", 8) - 8);
            if (authority.empty() || authority.find('@') != std::string::npos)
                std::abort();
        }
        // Enumerations hold one of their values, whatever the text said.
        const auto position = config.accessibility.readerPosition;
        if (position != ReaderPosition::Below && position != ReaderPosition::Right &&
            position != ReaderPosition::Left)
            std::abort();
    } catch (const Error&) {
    }
    return 0;
}
