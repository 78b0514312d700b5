#include "virtual-els-card.hpp"

#include "els/smartcard/els-application.hpp"

#include <algorithm>

namespace els::smartcard::sim {

namespace {
constexpr std::uint16_t swOk = 0x9000;
constexpr std::uint16_t swLogicalChannelNotSupported = 0x6881;
constexpr std::uint16_t swSecureMessagingNotSupported = 0x6882;
constexpr std::uint16_t swChainingNotSupported = 0x6884;
constexpr std::uint16_t swEndOfFile = 0x6282;
constexpr std::uint16_t swWrongLength = 0x6700;
constexpr std::uint16_t swNoCurrentEf = 0x6986;
constexpr std::uint16_t swConditionsNotSatisfied = 0x6985;
constexpr std::uint16_t swFunctionNotSupported = 0x6A81;
constexpr std::uint16_t swFileNotFound = 0x6A82;
constexpr std::uint16_t swWrongP1P2 = 0x6A86;
constexpr std::uint16_t swOffsetBeyondFile = 0x6B00;
constexpr std::uint16_t swInsNotSupported = 0x6D00;
constexpr std::uint16_t swClaNotSupported = 0x6E00;

// SW2 of 61xx / 6Cxx: a byte count where 256 is written 00.
std::uint16_t withCount(std::uint16_t sw1, std::size_t count) {
    return static_cast<std::uint16_t>(sw1 << 8 | (std::min<std::size_t>(count, 256) & 0xFF));
}

constexpr std::uint16_t masterFile = 0x3F00;

// ISO/IEC 7816-4 §5.4.1. This card knows channel 0 only, without secure messaging or
// chaining, and no proprietary class: everything else is refused with the reason.
std::optional<std::uint16_t> classRefusal(std::uint8_t cla) {
    if (cla == 0xFF || (cla & 0x80) || (cla & 0xE0) == 0x20)
        return swClaNotSupported; // invalid, proprietary or RFU
    if ((cla & 0x40) == 0) {      // first interindustry values: channels 0-3
        if (cla & 0x03)
            return swLogicalChannelNotSupported;
        if (cla & 0x0C)
            return swSecureMessagingNotSupported;
    } else { // further interindustry values: channels 4-19
        return (cla & 0x20) ? swSecureMessagingNotSupported : swLogicalChannelNotSupported;
    }
    if (cla & 0x10)
        return swChainingNotSupported;
    return std::nullopt;
}

} // namespace

Bytes atrFor(const Behaviour& behaviour) {
    // Historical bytes: category 80, then card capabilities (compact-TLV tag 7, 3 bytes):
    // selection by full DF name and by FID (90), data units of one byte (01), and in the
    // third table whether extended Lc/Le fields are supported (40) or not (00).
    const Bytes historical{0x80, 0x73, 0x90, 0x01,
                           static_cast<std::uint8_t>(behaviour.extendedLength ? 0x40 : 0x00)};
    const auto k = static_cast<std::uint8_t>(historical.size());
    Bytes atr{0x3B};
    if (behaviour.t0) {
        atr.push_back(k); // no interface bytes: T=0 only, and then no TCK
        atr.insert(atr.end(), historical.begin(), historical.end());
        return atr;
    }
    // TD1 = 80 (T=0, TD2 follows), TD2 = 01 (T=1): pcsc-lite picks T=1. T=1 needs a TCK.
    atr.insert(atr.end(), {static_cast<std::uint8_t>(0x80 | k), 0x80, 0x01});
    atr.insert(atr.end(), historical.begin(), historical.end());
    std::uint8_t tck = 0;
    for (std::size_t i = 1; i < atr.size(); ++i)
        tck ^= atr[i];
    atr.push_back(tck);
    return atr;
}

VirtualElsCard::VirtualElsCard(std::map<std::uint16_t, Bytes> files, Behaviour behaviour)
    : files_(std::move(files)), behaviour_(behaviour) {}

void VirtualElsCard::reset() {
    applicationSelected_ = false;
    currentEf_.reset();
    pending_.reset();
}

Bytes VirtualElsCard::respond(ByteView apdu) {
    const auto command = parse(apdu);
    if (!command)
        return encode({{}, swWrongLength});
    if (command->ins != 0xC0)
        pending_.reset(); // any other command discards T=0 leftovers
    auto answer = execute(*command);
    // A T=0 card cannot send data in the exchange that carried the command: it announces it.
    if (behaviour_.t0 && command->ins != 0xC0 && !answer.data.empty()) {
        const auto announced = answer.data.size();
        pending_ = std::move(answer);
        answer = {{}, withCount(0x61, std::min(announced, behaviour_.chainStep))};
    }
    return encode(std::move(answer));
}

// ISO 7816-4 §5.1: cases 1, 2S, 3S, 4S, 2E, 3E, 4E; nullopt for anything else.
std::optional<VirtualElsCard::Command> VirtualElsCard::parse(ByteView a) {
    if (a.size() < 4)
        return std::nullopt;
    Command c{a[0], a[1], a[2], a[3], {}, std::nullopt, false};
    const std::size_t n = a.size() - 4;
    const auto body = a.subspan(4);
    if (n == 0)
        return c;
    if (n == 1) {
        c.ne = body[0] == 0 ? 256 : body[0];
        return c;
    }
    if (body[0] != 0) {
        const std::size_t lc = body[0];
        if (n != 1 + lc && n != 2 + lc)
            return std::nullopt;
        c.data.assign(body.begin() + 1, body.begin() + 1 + static_cast<std::ptrdiff_t>(lc));
        if (n == 2 + lc)
            c.ne = body.back() == 0 ? 256 : body.back();
        return c;
    }
    if (n < 3)
        return std::nullopt;
    c.extended = true;
    const std::size_t first = static_cast<std::size_t>(body[1] << 8 | body[2]);
    if (n == 3) {
        c.ne = first == 0 ? 65536 : first;
        return c;
    }
    if (first == 0 || (n != 3 + first && n != 5 + first))
        return std::nullopt;
    c.data.assign(body.begin() + 3, body.begin() + 3 + static_cast<std::ptrdiff_t>(first));
    if (n == 5 + first) {
        const std::size_t le = static_cast<std::size_t>(body[n - 2] << 8 | body[n - 1]);
        c.ne = le == 0 ? 65536 : le;
    }
    return c;
}

VirtualElsCard::Answer VirtualElsCard::execute(const Command& command) {
    if (const auto refusal = classRefusal(command.cla))
        return {{}, *refusal};
    if (command.extended && !behaviour_.extendedLength)
        return {{}, swWrongLength};
    switch (command.ins) {
    case 0xA4:
        return select(command);
    case 0xB0:
        return readBinary(command);
    case 0xC0:
        return getResponse(command);
    case 0xCA:
        return getData(command);
    default:
        return {{}, swInsNotSupported};
    }
}

VirtualElsCard::Answer VirtualElsCard::select(const Command& c) {
    if (c.p2 != 0x00 && c.p2 != 0x0C)
        return {{}, swWrongP1P2};
    // P2=0C asks for no response data; an Le with it is proprietary (ISO/IEC 7816-4 Table
    // 63), and this card, like a strict real one, refuses it.
    if (c.p2 == 0x0C && c.ne)
        return {{}, swWrongLength};
    Bytes fci;
    if (c.p1 == 0x04) {
        if (!std::equal(c.data.begin(), c.data.end(), elsAid.begin(), elsAid.end())) {
            return {{}, swFileNotFound};
        }
        applicationSelected_ = true;
        currentEf_.reset();
        fci = {0x6F, 0x09, 0x84, 0x07};
        fci.insert(fci.end(), elsAid.begin(), elsAid.end());
    } else if (c.p1 == 0x00 && (c.data.empty() || c.data == Bytes{0x3F, 0x00})) {
        // The MF: the application and its EFs are out of reach again.
        applicationSelected_ = false;
        currentEf_.reset();
        fci = {0x6F, 0x04, 0x83, 0x02, 0x3F, 0x00};
    } else if (c.p1 == 0x00 || c.p1 == 0x02) {
        if (c.data.size() != 2)
            return {{}, swWrongLength};
        const auto fid = static_cast<std::uint16_t>(c.data[0] << 8 | c.data[1]);
        const auto file = files_.find(fid);
        // The EFs live inside the application, so they are found only once it is selected.
        if (!applicationSelected_ || fid == masterFile || file == files_.end())
            return {{}, swFileNotFound};
        currentEf_ = fid;
        const auto size = file->second.size();
        fci = {0x6F,
               0x04,
               0x80,
               0x02,
               static_cast<std::uint8_t>(size >> 8),
               static_cast<std::uint8_t>(size)};
    } else {
        return {{}, swWrongP1P2};
    }
    if (c.p2 == 0x0C)
        return {{}, swOk};
    // A T=0 card announces the FCI with 61xx whatever the Le (respond() does that).
    return withNe(std::move(fci), behaviour_.t0 ? std::optional<std::size_t>(65536) : c.ne);
}

// Response data for Ne: none when no Le came, all of it when Ne covers it, and 6Cxx (the
// exact count) when Ne is too small, as a card does for data it cannot hand out in parts.
VirtualElsCard::Answer VirtualElsCard::withNe(Bytes data, std::optional<std::size_t> ne) {
    if (!ne)
        return {{}, swOk};
    if (*ne < data.size())
        return {{}, withCount(0x6C, data.size())};
    return {std::move(data), swOk};
}

VirtualElsCard::Answer VirtualElsCard::readBinary(const Command& c) {
    if (!currentEf_)
        return {{}, swNoCurrentEf};
    if (c.p1 & 0x80) {
        // P1 b8 = 1: b7-b6 must be 00 and b5-b1 name a short EF identifier, which this card,
        // like many, does not support.
        return {{}, (c.p1 & 0x60) ? swWrongP1P2 : swFunctionNotSupported};
    }
    if (!c.ne || !c.data.empty())
        return {{}, swWrongLength};
    const Bytes& file = files_.at(*currentEf_);
    const std::size_t offset = static_cast<std::size_t>((c.p1 & 0x7F) << 8 | c.p2);
    if (offset >= file.size())
        return {{}, swOffsetBeyondFile};
    const std::size_t available = file.size() - offset;
    if (*c.ne > behaviour_.maxLe) {
        return {{}, withCount(0x6C, std::min(behaviour_.maxLe, available))};
    }
    const auto begin = file.begin() + static_cast<std::ptrdiff_t>(offset);
    const std::size_t count = std::min(*c.ne, available);
    if (behaviour_.readStep > 0 && count > behaviour_.readStep) {
        // A dawdling card: fewer bytes than asked, yet "OK" (not end of file).
        return {Bytes(begin, begin + static_cast<std::ptrdiff_t>(behaviour_.readStep)), swOk};
    }
    return {Bytes(begin, begin + static_cast<std::ptrdiff_t>(count)),
            count < *c.ne ? swEndOfFile : swOk};
}

VirtualElsCard::Answer VirtualElsCard::getResponse(const Command& c) {
    if (c.p1 != 0x00 || c.p2 != 0x00)
        return {{}, swWrongP1P2};
    if (!pending_)
        return {{}, swConditionsNotSatisfied};
    if (!c.ne)
        return {{}, swWrongLength};
    Answer& pending = *pending_;
    if (*c.ne > pending.data.size())
        return {{}, withCount(0x6C, pending.data.size())};
    Answer answer{
        Bytes(pending.data.begin(), pending.data.begin() + static_cast<std::ptrdiff_t>(*c.ne)),
        pending.sw};
    pending.data.erase(pending.data.begin(),
                       pending.data.begin() + static_cast<std::ptrdiff_t>(*c.ne));
    if (pending.data.empty()) {
        pending_.reset();
    } else {
        answer.sw = withCount(0x61, std::min(pending.data.size(), behaviour_.chainStep));
    }
    return answer;
}

Bytes VirtualElsCard::encode(Answer answer) {
    answer.data.push_back(static_cast<std::uint8_t>(answer.sw >> 8));
    answer.data.push_back(static_cast<std::uint8_t>(answer.sw & 0xFF));
    return std::move(answer.data);
}

} // namespace els::smartcard::sim
