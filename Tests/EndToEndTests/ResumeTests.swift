import Foundation
import SetupCore
import XCTest

/// Resuming after credentials were typed on Connect (none in the environment): the email
/// comes back, the secrets are typed again, and the wizard walks on to the saved step.
final class ResumeTests: XCTestCase {
    func testResumeWithTypedCredentialsWalksOnToTheSavedStep() throws {
        // Each answer a little slow, so the Enter below arrives while the checks still run
        // (on a fast loopback they could finish first, and Enter would act on Consumer).
        let sandbox = try StandaloneSandbox(arguments: ["--latency-ms", "300"])
        defer { sandbox.stop() }
        var environment = sandbox.environment
        let token = try XCTUnwrap(environment.removeValue(forKey: "BITBUCKET_API_TOKEN"))
        let email = try XCTUnwrap(environment.removeValue(forKey: "BITBUCKET_EMAIL"))
        let platformKey = try XCTUnwrap(environment.removeValue(forKey: "CLERK_PLATFORM_API_KEY"))
        let folder = try TestFolder()

        func typeCredentials(_ wizard: TmuxSession, withEmail: Bool) throws {
            if withEmail {
                try wizard.type(email)
                try wizard.send("Tab")
            }
            try wizard.paste(token)
            try wizard.send("Tab")
            try wizard.paste(platformKey)
            try wizard.send("Tab", "Tab", "Tab")
        }

        let first = try Wizard.launch([], in: folder, environment: environment)
        try first.waitFor("Atlassian email")
        try typeCredentials(first, withEmail: true)
        try first.walkToConsumer()
        try first.send("C-c")
        try first.waitFor("Quit bbclerk?")
        try first.send("y")
        _ = try first.waitForExit(timeout: 10)
        first.kill()

        let again = try Wizard.launch([], in: folder, environment: environment)
        defer { again.kill() }
        try again.waitFor("Resume where you left off?")
        try again.send("y")
        let connect = try again.waitFor(email)
        XCTAssertTrue(connect.contains("Atlassian email     \(email)"), "the email is back:\n\(connect)")
        try typeCredentials(again, withEmail: false)
        // Continue pressed while the checks run does not end the resume.
        try again.send("Enter")
        try again.waitFor("Resumed at step \(WizardStep.consumer.number) · Consumer.")
        try again.waitFor("\(WizardStep.consumer.heading(separator: " · "))")
    }
}
