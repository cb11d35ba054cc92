"""Characters to integers and back: the vocabulary is the sorted set of characters."""


class Tokenizer:
    def __init__(self, chars: str):
        self.chars = chars
        self.index = {ch: i for i, ch in enumerate(chars)}

    @classmethod
    def from_text(cls, text: str) -> "Tokenizer":
        return cls("".join(sorted(set(text))))

    def encode(self, s: str) -> list[int]:
        unknown = sorted(set(s) - self.index.keys())
        if unknown:
            raise ValueError(f"characters not in the vocabulary: {''.join(unknown)!r}")
        return [self.index[ch] for ch in s]

    def decode(self, ids) -> str:
        return "".join(self.chars[i] for i in ids)
