#pragma once

#include "els/smartcard/image/test-pki.hpp"

#include <QJsonArray>
#include <QJsonObject>
#include <filesystem>
#include <string>

// Card images of the fake students in usos-sim's seed (seed/demo-students.json), so that a
// card in the virtual reader and the simulator's student always agree.
namespace els::testing {

QJsonArray seedStudents();
QJsonObject seedStudent(const std::string& id);

// The chip of seeded student `studentId` signed by `signer`, written as an els-card-sim image
// directory `dir`/card-<id>. The PESEL may be absent (els-card-make would refuse that).
std::filesystem::path makeSeedCard(const smartcard::image::Credential& signer,
                                   const std::string& studentId, const std::filesystem::path& dir);

} // namespace els::testing
