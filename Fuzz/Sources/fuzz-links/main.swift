import FuzzSupport

// Made before libFuzzer starts, so that the leak check after each input does not count it.
_ = extractor
FuzzDriver.run()
