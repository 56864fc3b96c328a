import DoubleDescent
print("ddcalc")
