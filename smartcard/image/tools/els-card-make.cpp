// els-card-make: a throw-away test PKI and card images of fake people for els-card-sim,
// the demo and the tests. Never feed it real personal data.
#include "els/smartcard/image/card-image.hpp"
#include "els/smartcard/image/pesel.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace els::smartcard::image;

constexpr const char* usage = R"(usage:
  els-card-make pki --out DIR
  els-card-make card --pki DIR [--signer NAME] --out IMAGE_DIR
                [--surname S]... [--given-name G]... [--album A] [--pesel P]
                [--chip-serial X] [--university U] [--university-code C]
                [--valid-until YYYY-MM-DD] [--utc-time] [--long-lengths]
                [--no-embedded-cert] [--no-cert-file]
NAME is a credential written by `pki`: signer (RSA, default), signer-ec, foreign-signer,
expired-signer. Omitted fields take the values of a made-up default student.
)";

struct Arguments {
    std::string command;
    std::map<std::string, std::vector<std::string>> options; // "--x" -> values
    std::vector<std::string> flags;
};

bool isFlag(const std::string& name) {
    return name == "--utc-time" || name == "--long-lengths" || name == "--no-embedded-cert" ||
           name == "--no-cert-file";
}

Arguments parse(int argc, char** argv) {
    if (argc < 2)
        throw std::invalid_argument("missing command");
    Arguments args{argv[1], {}, {}};
    for (int i = 2; i < argc; ++i) {
        const std::string name = argv[i];
        if (name.rfind("--", 0) != 0)
            throw std::invalid_argument("unexpected argument " + name);
        if (isFlag(name)) {
            args.flags.push_back(name);
        } else if (i + 1 < argc) {
            args.options[name].push_back(argv[++i]);
        } else {
            throw std::invalid_argument(name + " needs a value");
        }
    }
    return args;
}

std::optional<std::string> single(const Arguments& args, const std::string& name) {
    const auto it = args.options.find(name);
    if (it == args.options.end())
        return std::nullopt;
    if (it->second.size() != 1)
        throw std::invalid_argument(name + " given more than once");
    return it->second.front();
}

std::string required(const Arguments& args, const std::string& name) {
    auto value = single(args, name);
    if (!value)
        throw std::invalid_argument(name + " is required");
    return *value;
}

bool hasFlag(const Arguments& args, const std::string& name) {
    return std::find(args.flags.begin(), args.flags.end(), name) != args.flags.end();
}

std::chrono::year_month_day parseDate(const std::string& text) {
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
        throw std::invalid_argument("date must be YYYY-MM-DD: " + text);
    }
    const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m},
                                           std::chrono::day{d}};
    if (!date.ok())
        throw std::invalid_argument("not a calendar date: " + text);
    return date;
}

void checkOptions(const Arguments& args, std::initializer_list<const char*> allowed) {
    for (const auto& [name, values] : args.options) {
        if (std::find_if(allowed.begin(), allowed.end(),
                         [&](const char* a) { return name == a; }) == allowed.end()) {
            throw std::invalid_argument("unknown option " + name + " for " + args.command);
        }
    }
}

int makePki(const Arguments& args) {
    checkOptions(args, {"--out"});
    const std::string out = required(args, "--out");
    TestPki::generate().save(out);
    std::cout << "test PKI written to " << out << " (throw-away keys, tests and demos only)\n";
    return 0;
}

int makeCard(const Arguments& args) {
    checkOptions(args,
                 {"--pki", "--signer", "--out", "--surname", "--given-name", "--album", "--pesel",
                  "--chip-serial", "--university", "--university-code", "--valid-until"});
    const Credential signer = TestPki::loadCredential(required(args, "--pki"),
                                                      single(args, "--signer").value_or("signer"));
    CardDescription card;
    if (const auto it = args.options.find("--surname"); it != args.options.end())
        card.surnames = it->second;
    if (const auto it = args.options.find("--given-name"); it != args.options.end())
        card.givenNames = it->second;
    card.albumNumber = single(args, "--album").value_or(card.albumNumber);
    card.pesel = single(args, "--pesel").value_or(card.pesel);
    card.chipSerial = single(args, "--chip-serial").value_or(card.chipSerial);
    card.university = single(args, "--university").value_or(card.university);
    card.universityCode = single(args, "--university-code").value_or(card.universityCode);
    if (const auto date = single(args, "--valid-until"))
        card.validUntil = parseDate(*date);
    if (hasFlag(args, "--utc-time"))
        card.dateType = DateType::Utc;
    if (hasFlag(args, "--long-lengths"))
        card.lengthForm = LengthForm::Long;
    card.embedSignerCertificate = !hasFlag(args, "--no-embedded-cert");
    card.writeCertificateFile = !hasFlag(args, "--no-cert-file");
    if (!isValidPesel(card.pesel))
        throw std::invalid_argument("--pesel is not a checksum-valid PESEL");

    const std::string out = required(args, "--out");
    writeCardImage(out, makeCardImage(card, signer));
    std::cout << "card image written to " << out << '\n';
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const Arguments args = parse(argc, argv);
        if (args.command == "pki")
            return makePki(args);
        if (args.command == "card")
            return makeCard(args);
        throw std::invalid_argument("unknown command " + args.command);
    } catch (const std::invalid_argument& e) {
        std::cerr << "els-card-make: " << e.what() << '\n' << usage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "els-card-make: " << e.what() << '\n';
        return 1;
    }
}
