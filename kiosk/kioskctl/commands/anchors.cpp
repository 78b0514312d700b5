#include "anchors.hpp"

#include "els/platform/clock.hpp"

#include <algorithm>
#include <ctime>
#include <memory>
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdexcept>

namespace els::kiosk::kioskctl {

namespace {

struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
struct X509Free {
    void operator()(X509* cert) const { X509_free(cert); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Cert = std::unique_ptr<X509, X509Free>;

std::string subjectOf(const X509* cert) {
    Bio out(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(out.get(), X509_get_subject_name(cert), 0,
                       XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    const long length = BIO_get_mem_data(out.get(), &data);
    return std::string(data, static_cast<std::size_t>(length));
}

std::chrono::system_clock::time_point notAfterOf(const X509* cert) {
    std::tm tm{};
    ASN1_TIME_to_tm(X509_get0_notAfter(cert), &tm);
    return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

bool isAnchorFile(const std::filesystem::path& path) {
    return path.extension() == ".pem" || path.extension() == ".crt";
}

} // namespace

std::vector<AnchorInfo> readPemFile(const std::filesystem::path& file) {
    std::vector<AnchorInfo> anchors;
    Bio in(BIO_new_file(file.c_str(), "r"));
    if (!in) {
        ERR_clear_error();
        return anchors;
    }
    while (Cert cert{PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr)}) {
        anchors.push_back(
            {file, subjectOf(cert.get()), notAfterOf(cert.get()), X509_check_ca(cert.get()) != 0});
    }
    ERR_clear_error(); // the read loop ends with "no start line"
    return anchors;
}

std::vector<AnchorInfo> readAnchors(const std::filesystem::path& fileOrDirectory) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(fileOrDirectory, ec))
        return readPemFile(fileOrDirectory);
    if (!std::filesystem::is_directory(fileOrDirectory, ec)) {
        throw std::runtime_error(fileOrDirectory.string() + " does not exist");
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(fileOrDirectory, ec)) {
        if (entry.is_regular_file() && isAnchorFile(entry.path()))
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<AnchorInfo> anchors;
    for (const auto& file : files) {
        auto more = readPemFile(file);
        anchors.insert(anchors.end(), more.begin(), more.end());
    }
    return anchors;
}

std::string formatDate(std::chrono::system_clock::time_point when) {
    return platform::isoDate(
        std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(when)});
}

} // namespace els::kiosk::kioskctl
