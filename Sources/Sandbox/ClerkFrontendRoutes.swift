import Basics
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Clerk's Frontend API: `GET /v1/environment`, public, and a test sign-in
/// (`POST /v1/client/sign_ins`, ClerkSignInRoutes.swift), answered by the instance whose
/// Frontend API host the client names in `X-Forwarded-Host` (the sandbox serves every
/// instance from one port). Spec: clerk-frontend.subset.yml, `Client.Environment`.
extension SandboxState {
    func clerkFrontend(_ request: SandboxRequest) -> SandboxResponse {
        let host = request.header("x-forwarded-host")?
            .split(separator: ",").first?
            .trimmingWhitespace().lowercased()
            .split(separator: ":").first.map(String.init)
        guard let host, let instance = instances.values.first(where: { $0.frontendHost == host }) else {
            return ClerkErrors.error(404, code: "resource_not_found", message: "not found",
                                     longMessage: "No Clerk instance is served at host \(host.map { "'\($0)'" } ?? "(none: send X-Forwarded-Host)").")
        }
        // A host whose DNS Clerk has not verified does not resolve: nothing answers there.
        guard instance.dnsVerified else { return .dropped }
        switch (request.method, request.segments) {
        case ("POST", ["v1", "dev_browser"]):
            // clerk/cli `lib/fapi.ts` reads `token`; the spec names the scheme `__dev_session`.
            let token = "dvb_" + UUID().uuidString.replacing("-", with: "").lowercased()
            devBrowserTokens.insert(token)
            return .json(200, ["object": "dev_browser", "id": .string(token), "token": .string(token)])
        case ("POST", ["v1", "client", "sign_ins"]):
            return clerkSignIn(request, instance: instance)
        case ("GET", ["v1", "environment"]), ("HEAD", ["v1", "environment"]):
            // "It must be set before making any request to a dev instance, even for endpoints
            // that are public" (Frontend API spec, createDevBrowser).
            if !instance.isProduction {
                let token = request.queryValue("__clerk_db_jwt") ?? request.queryValue("__dev_session")
                guard let token, devBrowserTokens.contains(token) else {
                    return ClerkErrors.error(401, code: "dev_browser_unauthenticated", message: "Browser unauthenticated",
                                             longMessage: "Unable to authenticate this browser for your development instance. Check your Clerk cookies and try again. If the issue persists reach out to support@clerk.com.")
                }
            }
            return .json(200, environmentJSON(instance.visible()))
        default:
            return ClerkErrors.notFound("Resource")
        }
    }

    private func environmentJSON(_ instance: ClerkInstance) -> JSONValue {
        var social: [String: JSONValue] = [:]
        var oauthStrategies: [JSONValue] = []
        for (key, connection) in instance.connections.sorted(by: { $0.key < $1.key }) {
            let strategy = "oauth_" + key.replacing("connection_oauth_", with: "")
            let provider = key.replacing("connection_oauth_", with: "")
            social[strategy] = [
                "enabled": .bool(connection.enabled),
                "required": false,
                "authenticatable": .bool(connection.authenticatable),
                "block_email_subaddresses": .bool(connection.blockEmailSubaddresses),
                "strategy": .string(strategy),
                "not_selectable": false,
                "deprecated": false,
                "name": .string(Self.providerNames[key] ?? provider),
                "logo_url": .string("https://img.clerk.com/static/\(provider).png"),
            ]
            if connection.enabled { oauthStrategies.append(.string(strategy)) }
        }
        let accounts = instance.accountsPortalURL
        let isDevelopment = !instance.isProduction

        func attribute(_ enabled: Bool, required: Bool = false, firstFactors: [JSONValue] = [], verifications: [JSONValue] = []) -> JSONValue {
            [
                "enabled": .bool(enabled), "required": .bool(required),
                "used_for_first_factor": .bool(!firstFactors.isEmpty), "first_factors": .array(firstFactors),
                "used_for_second_factor": false, "second_factors": [],
                "verifications": .array(verifications), "verify_at_sign_up": .bool(!verifications.isEmpty),
                "immutable": false,
            ]
        }
        let off = attribute(false)

        return [
            "auth_config": [
                "object": "auth_config",
                "id": .string("aac_" + instance.id.dropFirst(4)),
                "first_name": "off", "last_name": "off", "email_address": "on", "phone_number": "off",
                "username": "off", "password": "off",
                "identification_requirements": .array([.array(["email_address"] + oauthStrategies)]),
                "identification_strategies": .array(["email_address"] + oauthStrategies),
                "first_factors": .array(["email_code", "ticket"] + oauthStrategies),
                "second_factors": [],
                "email_address_verification_strategies": ["email_code"],
                "single_session_mode": true,
                "enhanced_email_deliverability": false,
                "test_mode": .bool(isDevelopment),
                "url_based_session_syncing": .bool(isDevelopment),
                "claimed_at": nil,
                "reverification": true,
                "native_settings": [
                    "object": "native_settings", "api_enabled": false, "trusted_device_sign_in_enabled": false,
                    "trusted_device_enrollment_prompt_after_sign_in_enabled": false,
                    "trusted_device_enrollment_prompt_after_sign_up_enabled": false,
                ],
            ],
            "display_config": [
                "object": "display_config",
                "id": .string("display_config_" + instance.id.dropFirst(4)),
                "instance_environment_type": .string(instance.environment),
                "application_name": .string(instance.applicationName),
                "theme": [:],
                "preferred_sign_in_strategy": "otp",
                "logo_image_url": nil, "favicon_image_url": nil,
                "home_url": .string(isDevelopment ? "http://localhost:3000" : "https://\(instance.domainName)"),
                "sign_in_url": .string("\(accounts)/sign-in"),
                "sign_up_url": .string("\(accounts)/sign-up"),
                "user_profile_url": .string("\(accounts)/user"),
                "waitlist_url": .string("\(accounts)/waitlist"),
                "oauth_consent_url": .string("\(accounts)/oauth-consent"),
                "after_sign_in_url": .string("\(accounts)/default-redirect"),
                "after_sign_up_url": .string("\(accounts)/default-redirect"),
                "after_sign_out_one_url": .string("\(accounts)/sign-in/choose"),
                "after_sign_out_all_url": .string("\(accounts)/sign-in"),
                "after_switch_session_url": .string("\(accounts)/default-redirect"),
                "after_join_waitlist_url": .string("\(accounts)/default-redirect"),
                "organization_profile_url": .string("\(accounts)/organization"),
                "create_organization_url": .string("\(accounts)/create-organization"),
                "after_leave_organization_url": .string("\(accounts)/default-redirect"),
                "after_create_organization_url": .string("\(accounts)/organization"),
                "logo_link_url": .string("\(accounts)/default-redirect"),
                "support_email": nil,
                "branded": true,
                "experimental_force_oauth_first": false,
                "clerk_js_version": "5",
                "show_devmode_warning": .bool(isDevelopment),
                "google_one_tap_client_id": nil,
                "help_url": nil, "privacy_policy_url": nil, "terms_url": nil,
                "logo_url": nil, "favicon_url": nil, "logo_image": nil, "favicon_image": nil,
                "captcha_public_key": nil, "captcha_widget_type": nil, "captcha_public_key_invisible": nil,
                "captcha_provider": nil, "captcha_oauth_bypass": [],
            ],
            "user_settings": [
                "attributes": [
                    "email_address": attribute(true, required: true, firstFactors: ["email_code"], verifications: ["email_code"]),
                    "phone_number": off, "username": off, "web3_wallet": off, "first_name": off, "last_name": off,
                    "password": off, "authenticator_app": off,
                    "ticket": attribute(true, firstFactors: ["ticket"]),
                    "backup_code": off, "passkey": off,
                ],
                "social": .object(social),
                "saml": ["enabled": false],
                "enterprise_sso": ["enabled": false, "self_serve_sso": false],
                "sign_in": ["second_factor": ["required": false]],
                "sign_up": [
                    "captcha_enabled": false, "captcha_widget_type": "smart", "custom_action_required": false,
                    "progressive": true, "mode": "public", "legal_consent_enabled": false,
                ],
                "restrictions": [
                    "allowlist": ["enabled": false], "blocklist": ["enabled": false],
                    "allowlist_blocklist_disabled_on_sign_in": ["enabled": false],
                    "block_email_subaddresses": ["enabled": false], "block_disposable_email_domains": ["enabled": false],
                ],
                "password_settings": [
                    "disable_hibp": false, "disable_password_reverification": false, "min_length": 8, "max_length": 72,
                    "require_special_char": false, "require_numbers": false, "require_uppercase": false,
                    "require_lowercase": false, "show_zxcvbn": false, "min_zxcvbn_strength": 0,
                    "enforce_hibp_on_sign_in": false, "allowed_special_characters": "!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~",
                ],
                "username_settings": [
                    "min_length": 4, "max_length": 64, "allow_extended_special_characters": false, "allow_numeric_usernames": false,
                ],
                "actions": ["delete_self": true, "create_organization": true, "create_organizations_limit": nil],
                "attack_protection": [
                    "user_lockout": ["enabled": true, "max_attempts": 100, "duration_in_minutes": 60],
                    "pii": ["enabled": true],
                    "email_link": ["require_same_client": true],
                    "enumeration_protection": ["enabled": false],
                ],
                "passkey_settings": ["allow_autofill": true, "show_sign_in_button": true, "satisfies_second_factor": true],
            ],
            "organization_settings": [
                "enabled": false, "max_allowed_memberships": 5, "actions": ["admin_delete": true],
                "domains": ["enabled": false, "enrollment_modes": [], "default_role": "org:member"],
                "slug": ["disabled": false], "creator_role": "org:admin",
            ],
            "maintenance_mode": false,
            "client_debug_mode": false,
            "partitioned_cookies": false,
        ]
    }
}
