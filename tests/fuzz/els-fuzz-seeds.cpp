// Writes the fuzzer's seed corpus: a test CA (DIR/ca.pem) and cards of every kind the tests
// know, as whole EF.ELS files and as bare content.  Usage: els-fuzz-seeds DIR
#include "els/smartcard/image/card-image.hpp"

#include <cstdio>
#include <fstream>

using namespace els::smartcard;
using namespace els::smartcard::image;

namespace {
void write(const std::filesystem::path& file, ByteView bytes) {
    std::ofstream(file, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
}
} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: els-fuzz-seeds DIR\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir / "corpus");
    const TestPki pki = TestPki::generate(
        std::chrono::system_clock::time_point(std::chrono::seconds(1'790'000'000)));
    std::ofstream(dir / "ca.pem") << pki.ca.certificatePem();

    CardDescription plain;
    CardDescription rich;
    rich.surnames = {"Źdźbło-Łęcka", "Testowa"};
    rich.givenNames = {"Łucja", "Żaneta", "Anna"};
    rich.dateType = DateType::Utc;
    rich.lengthForm = LengthForm::Long;
    CardDescription latin;
    latin.stringTypes = {StringType::Ia5, StringType::T61,       StringType::T61,
                         StringType::Ia5, StringType::Printable, StringType::Ia5};
    latin.surnames = {"Müller"};
    latin.embedSignerCertificate = false;

    int n = 0;
    for (const auto* card : {&plain, &rich, &latin}) {
        for (const auto* signer : {&pki.signerEc, &pki.signer, &pki.foreignSigner}) {
            const CardImage image = makeCardImage(*card, *signer);
            Bytes withCertificate = image.elsFile;
            write(dir / "corpus" / ("card-" + std::to_string(n++)), image.elsFile);
            withCertificate.insert(withCertificate.begin(), 0x01); // odd first byte: split in half
            write(dir / "corpus" / ("card-" + std::to_string(n++)), withCertificate);
        }
        write(dir / "corpus" / ("content-" + std::to_string(n++)), encodeElsContent(*card));
    }
    return 0;
}
