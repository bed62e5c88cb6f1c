enum CursesUIPlaceholder {}
