// main() for tests that talk to pcscd + vpcd and need a QCoreApplication (UsosSimProcess, the
// kiosk rigs): the PcscEnvironment runs around all of them.
#include "pcsc-environment.hpp"

#include <QCoreApplication>
#include <gtest/gtest.h>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new els::testing::PcscEnvironment);
    return RUN_ALL_TESTS();
}
