extension Theme {
    /// `Themes/default.toml` as a value (an edit to the file must be made here too; the file
    /// says nothing of it, as users copy it with `bbclerk themes --print default`): the look of a plain start needs neither a file nor a
    /// parse (parsing the text cost about 0.7 ms before the first frame). `ThemeTests` and
    /// `ThemeFilesTests` check it equals the file and its parsed built-in copy, so an edit
    /// to the file fails there until this follows it.
    static let defaultValue = Theme(
        name: "default",
        description: "Cyan focus on the terminal's own background",
        usesColor: true,
        styles: [
            .normal: RoleStyle(),
            .title: RoleStyle(fg: .ansi(6), fg256: 39, attributes: [.bold]),
            .stepHeader: RoleStyle(attributes: [.bold]),
            .stepCounter: RoleStyle(fg: .ansi(6), fg256: 74),
            .label: RoleStyle(attributes: [.bold]),
            .hint: RoleStyle(fg: .ansi(8), fg256: 245),
            .fieldText: RoleStyle(attributes: [.underline]),
            .fieldFocused: RoleStyle(),
            .placeholder: RoleStyle(fg: .ansi(8), fg256: 243, attributes: [.underline]),
            .error: RoleStyle(fg: .ansi(1), fg256: 203, attributes: [.bold]),
            .success: RoleStyle(fg: .ansi(2), fg256: 78, attributes: [.bold]),
            .warning: RoleStyle(fg: .ansi(3), fg256: 214),
            .secret: RoleStyle(fg: .ansi(5), fg256: 176),
            .link: RoleStyle(fg: .ansi(4), fg256: 75, attributes: [.underline]),
            .muted: RoleStyle(fg: .ansi(8), fg256: 244),
            .helpKey: RoleStyle(fg: .ansi(6), fg256: 81, attributes: [.bold]),
            .helpText: RoleStyle(fg: .ansi(8), fg256: 248),
            .selected: RoleStyle(fg: .ansi(6), fg256: 117, attributes: [.bold]),
            .focusRow: RoleStyle(fg: .ansi(0), bg: .ansi(6), fg256: 16, bg256: 117),
            .button: RoleStyle(attributes: [.bold]),
            .buttonFocused: RoleStyle(fg: .ansi(0), bg: .ansi(6), fg256: 16, bg256: 117, attributes: [.bold]),
            .checkbox: RoleStyle(fg: .ansi(6), fg256: 81),
            .border: RoleStyle(fg: .ansi(8), fg256: 240),
            .diffAdded: RoleStyle(fg: .ansi(2), fg256: 114),
            .diffRemoved: RoleStyle(fg: .ansi(1), fg256: 210),
            .spinner: RoleStyle(fg: .ansi(6), fg256: 45),
            .overlay: RoleStyle(fg: .ansi(7), bg: .ansi(4), fg256: 255, bg256: 24),
            .notice: RoleStyle(fg: .ansi(3), fg256: 221, attributes: [.bold]),
        ]
    )
}
