import SetupCore

// The TOML subset parser moved to SetupCore (Config/), so `bbclerk apply --from FILE` can use
// it without depending on the terminal front end. These keep CursesUI's public names.
public typealias TOMLParser = SetupCore.TOMLParser
public typealias TOMLValue = SetupCore.TOMLValue
public typealias TOMLTable = SetupCore.TOMLTable
public typealias TOMLError = SetupCore.TOMLError
