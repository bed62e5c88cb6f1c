/// Built-in copies of the shipped theme files, used when the files cannot be found.
/// `ThemeTests` checks that they match `Themes/*.toml` exactly.
enum BuiltinThemes {
    /// Byte-for-byte copy of `Themes/default.toml`.
    static let defaultTOML = #"""
# bbclerk default theme.
#
# Each [roles.<role>] table says how one role looks:
#   fg, bg       one of the 16 ANSI names (black red green yellow blue magenta cyan white,
#                bright-black … bright-white) or "default" (the terminal's own colour)
#   fg256, bg256 a 256-colour number, used instead of fg/bg where the terminal has 256 colours
#   attrs        any of "bold", "dim", "underline", "reverse", "italic", "standout"
# Roles not listed look like `normal`. Under NO_COLOR the built-in monochrome theme is used.
# Keep in sync with BuiltinThemes.defaultTOML (a test checks).

name = "default"
description = "Cyan focus on the terminal's own background"

[roles.normal]

[roles.title]
fg = "cyan"
fg256 = 39
attrs = ["bold"]

[roles.stepHeader]
attrs = ["bold"]

[roles.stepCounter]
fg = "cyan"
fg256 = 74

[roles.label]
attrs = ["bold"]

[roles.hint]
fg = "bright-black"
fg256 = 245

[roles.fieldText]
attrs = ["underline"]

[roles.fieldFocused]
fg = "black"
bg = "cyan"
fg256 = 16
bg256 = 117

[roles.placeholder]
fg = "bright-black"
fg256 = 243
attrs = ["underline"]

[roles.error]
fg = "red"
fg256 = 203
attrs = ["bold"]

[roles.success]
fg = "green"
fg256 = 78
attrs = ["bold"]

[roles.warning]
fg = "yellow"
fg256 = 214

[roles.secret]
fg = "magenta"
fg256 = 176

[roles.link]
fg = "blue"
fg256 = 75
attrs = ["underline"]

[roles.muted]
fg = "bright-black"
fg256 = 244

[roles.helpKey]
fg = "cyan"
fg256 = 81
attrs = ["bold"]

[roles.helpText]
fg = "bright-black"
fg256 = 248

[roles.selected]
fg = "cyan"
fg256 = 117
attrs = ["bold"]

[roles.focusRow]
fg = "black"
bg = "cyan"
fg256 = 16
bg256 = 117

[roles.button]
attrs = ["bold"]

[roles.buttonFocused]
fg = "black"
bg = "cyan"
fg256 = 16
bg256 = 117
attrs = ["bold"]

[roles.checkbox]
fg = "cyan"
fg256 = 81

[roles.border]
fg = "bright-black"
fg256 = 240

[roles.diffAdded]
fg = "green"
fg256 = 114

[roles.diffRemoved]
fg = "red"
fg256 = 210

[roles.spinner]
fg = "cyan"
fg256 = 45

[roles.overlay]
fg = "white"
bg = "blue"
fg256 = 255
bg256 = 24

[roles.notice]
fg = "yellow"
fg256 = 221
attrs = ["bold"]
"""#
}
