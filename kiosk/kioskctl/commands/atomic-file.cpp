#include "atomic-file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace els::kiosk::kioskctl {

namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& file) {
    throw std::runtime_error("cannot " + what + " " + file.string() + ": " + std::strerror(errno));
}

// Closes and, unless released, removes the temp file when writing fails half-way.
class TempFile {
public:
    explicit TempFile(const std::filesystem::path& target) : path_(target.string() + ".XXXXXX") {
        fd_ = ::mkstemp(path_.data());
        if (fd_ < 0)
            fail("create a temp file next to", target);
    }
    ~TempFile() {
        if (fd_ >= 0)
            ::close(fd_);
        if (!path_.empty())
            ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    int fd() const { return fd_; }
    const std::string& path() const { return path_; }
    void closeFile() {
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0)
            fail("write", path_);
    }
    void release() { path_.clear(); }

private:
    std::string path_;
    int fd_ = -1;
};

} // namespace

void writeFileAtomically(const std::filesystem::path& file, std::string_view content, mode_t mode) {
    TempFile temp(file);
    if (::fchmod(temp.fd(), mode) != 0)
        fail("set the mode of", temp.path());
    for (std::size_t done = 0; done < content.size();) {
        const auto n = ::write(temp.fd(), content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail("write", temp.path());
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(temp.fd()) != 0)
        fail("sync", temp.path());
    temp.closeFile();
    if (::rename(temp.path().c_str(), file.c_str()) != 0)
        fail("replace", file);
    temp.release();
}

} // namespace els::kiosk::kioskctl
