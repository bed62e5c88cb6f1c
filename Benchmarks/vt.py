"""A small VT100/xterm screen model: enough of what ncurses, whiptail and dialog send
(cursor addressing, erase, insert/delete, scroll regions, repeat) to read the screen back
as text. Colours and attributes are ignored. Standard library only."""

import codecs
import unicodedata


def _width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class Screen:
    def __init__(self, cols, rows):
        self.cols, self.rows = cols, rows
        self.lines = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.top, self.bottom = 0, rows - 1
        self.saved = (0, 0)
        self.last = " "
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.state = "text"
        self.seq = ""
        self.wrapnext = False

    # -- reading back -------------------------------------------------------------------
    def line(self, y):
        return "".join(c for c in self.lines[y] if c != "").rstrip()

    def text(self):
        return "\n".join(self.line(y) for y in range(self.rows))

    # -- feeding ------------------------------------------------------------------------
    def feed(self, data):
        for ch in self.decoder.decode(data):
            self._char(ch)

    def _char(self, ch):
        st = self.state
        if st == "text":
            if ord(ch) < 32 and ch not in "\x07\x0e\x0f\x00\x1b":
                self.wrapnext = False
            if ch == "\x1b":
                self.state, self.seq = "esc", ""
            elif ch == "\r":
                self.x = 0
            elif ch in "\n\x0b\x0c":
                self._linefeed()
            elif ch == "\b":
                self.x = max(0, self.x - 1)
            elif ch == "\t":
                self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)
            elif ch in "\x07\x0e\x0f\x00":
                pass
            elif ord(ch) >= 32:
                self._put(ch)
        elif st == "esc":
            if ch == "[":
                self.state, self.seq = "csi", ""
            elif ch == "]":
                self.state, self.seq = "osc", ""
            elif ch in "()*+":
                self.state = "charset"
            elif ch == "7":
                self.saved, self.state = (self.x, self.y), "text"
            elif ch == "8":
                (self.x, self.y), self.state = self.saved, "text"
            elif ch == "M":
                self._reverse_index()
                self.state = "text"
            elif ch == "D":
                self._linefeed()
                self.state = "text"
            elif ch == "E":
                self.x = 0
                self._linefeed()
                self.state = "text"
            elif ch == "c":
                self.__init__(self.cols, self.rows)
            else:
                self.state = "text"  # ESC =, ESC >, etc.
        elif st == "charset":
            self.state = "text"
        elif st == "osc":
            if ch == "\x07":
                self.state = "text"
            elif ch == "\x1b":
                self.state = "osc_esc"
        elif st == "osc_esc":
            self.state = "text" if ch == "\\" else "osc"
        elif st == "csi":
            if "\x40" <= ch <= "\x7e":
                self._csi(self.seq, ch)
                self.state = "text"
            else:
                self.seq += ch

    def _put(self, ch):
        w = _width(ch)
        if w == 0:
            return
        if self.wrapnext or self.x + w > self.cols:
            # xterm's pending wrap (am + xenl): the character after the last column goes
            # to the start of the next line.
            self.x = 0
            self._linefeed()
        self.wrapnext = False
        row = self.lines[self.y]
        row[self.x] = ch
        if w == 2 and self.x + 1 < self.cols:
            row[self.x + 1] = ""
        self.last = ch
        if self.x + w >= self.cols:
            self.x, self.wrapnext = self.cols - 1, True
        else:
            self.x += w

    def _linefeed(self):
        if self.y == self.bottom:
            self._scroll_up(1)
        elif self.y < self.rows - 1:
            self.y += 1

    def _reverse_index(self):
        if self.y == self.top:
            self._scroll_down(1)
        elif self.y > 0:
            self.y -= 1

    def _scroll_up(self, n):
        for _ in range(n):
            del self.lines[self.top]
            self.lines.insert(self.bottom, [" "] * self.cols)

    def _scroll_down(self, n):
        for _ in range(n):
            del self.lines[self.bottom]
            self.lines.insert(self.top, [" "] * self.cols)

    def _csi(self, seq, final):
        if final not in "mhlnqt":
            self.wrapnext = False
        private = seq[:1] in ("?", ">", "=", "<")
        body = seq[1:] if private else seq
        try:
            params = [int(p) if p else 0 for p in body.split(";")] if body else []
        except ValueError:
            params = []
        if private:
            return

        def p(i, default=1):
            v = params[i] if i < len(params) else 0
            return v if v else default

        if final in "Hf":
            self.y = min(self.rows - 1, p(0) - 1)
            self.x = min(self.cols - 1, p(1) - 1)
        elif final == "A":
            self.y = max(0, self.y - p(0))
        elif final in "Be":
            self.y = min(self.rows - 1, self.y + p(0))
        elif final in "Ca":
            self.x = min(self.cols - 1, self.x + p(0))
        elif final == "D":
            self.x = max(0, self.x - p(0))
        elif final in "G`":
            self.x = min(self.cols - 1, p(0) - 1)
        elif final == "d":
            self.y = min(self.rows - 1, p(0) - 1)
        elif final == "K":
            mode = params[0] if params else 0
            row = self.lines[self.y]
            rng = range(self.x, self.cols) if mode == 0 else range(0, self.x + 1) if mode == 1 else range(self.cols)
            for i in rng:
                row[i] = " "
        elif final == "J":
            mode = params[0] if params else 0
            if mode == 0:
                self._csi("", "K")
                for y in range(self.y + 1, self.rows):
                    self.lines[y] = [" "] * self.cols
            elif mode == 1:
                for y in range(0, self.y):
                    self.lines[y] = [" "] * self.cols
                self._csi("1", "K")
            else:
                self.lines = [[" "] * self.cols for _ in range(self.rows)]
        elif final == "X":
            row = self.lines[self.y]
            for i in range(self.x, min(self.cols, self.x + p(0))):
                row[i] = " "
        elif final == "b":
            for _ in range(p(0)):
                self._put(self.last)
        elif final == "@":
            row = self.lines[self.y]
            n = p(0)
            row[self.x:self.x] = [" "] * n
            del row[self.cols:]
        elif final == "P":
            row = self.lines[self.y]
            n = min(p(0), self.cols - self.x)
            del row[self.x:self.x + n]
            row.extend([" "] * n)
        elif final == "L":
            if self.top <= self.y <= self.bottom:
                for _ in range(p(0)):
                    del self.lines[self.bottom]
                    self.lines.insert(self.y, [" "] * self.cols)
        elif final == "M":
            if self.top <= self.y <= self.bottom:
                for _ in range(p(0)):
                    del self.lines[self.y]
                    self.lines.insert(self.bottom, [" "] * self.cols)
        elif final == "S":
            self._scroll_up(p(0))
        elif final == "T":
            self._scroll_down(p(0))
        elif final == "r":
            self.top = p(0) - 1
            self.bottom = min(self.rows - 1, p(1, self.rows) - 1)
            self.x = self.y = 0
        elif final == "s":
            self.saved = (self.x, self.y)
        elif final == "u":
            self.x, self.y = self.saved
        # m (SGR), h/l (modes), n, t, q: no effect on the text
