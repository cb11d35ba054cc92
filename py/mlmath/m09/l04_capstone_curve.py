"""The capstone's recorded training curve, for lesson m09-l04, with the reference lines
it is measured against.

LOSSES and EVALS are the quick-demo run of the module 18 trainer (2 layers, 32 dimensions,
batch 8, 300 iterations, seed "mlmath"), copied from mlmath.m18.preset_runs
("tiny/300/healthy/mlmath") so that this lesson's page need not load module 18; FULL_EVALS
is the full-size recipe's recorded 100 iterations ("full/100/healthy/mlmath"). LOSSES[i] is
the training loss in nats at iteration i + 1; EVALS holds (iteration, train, validation),
each the mean over a few batches. tests/unit/m09/test_l04_capstone_curve.py checks the copy
against module 18's recording and the reference lines against tiny-shakespeare.
"""

import math

LOSSES = [4.1806, 4.1662, 4.1754, 4.1724, 4.1754, 4.166, 4.1643, 4.1592, 4.1649, 4.1628, 4.1466, 4.1463, 4.1362, 4.1422, 4.1182, 4.1169, 4.1139, 4.0914, 4.0839, 4.0701, 4.0669, 4.0524, 4.0458, 4.0219, 4.0315, 4.0278, 4.0002, 4.0014, 3.975, 3.9945, 4.0058, 3.9795, 3.9718, 3.9141, 3.9139, 3.9137, 3.8882, 3.8921, 3.9011, 3.9033, 3.83, 3.8443, 3.7919, 3.8105, 3.7735, 3.7933, 3.7899, 3.7635, 3.7435, 3.7354, 3.7454, 3.6419, 3.7502, 3.6481, 3.6418, 3.674, 3.6317, 3.6763, 3.6284, 3.6669, 3.5806, 3.6806, 3.577, 3.5534, 3.5452, 3.5366, 3.539, 3.5239, 3.4102, 3.4206, 3.5283, 3.4646, 3.458, 3.4641, 3.5273, 3.4989, 3.4547, 3.3494, 3.4539, 3.4288, 3.3804, 3.4461, 3.4343, 3.2387, 3.2717, 3.3398, 3.3425, 3.3394, 3.285, 3.3266, 3.2797, 3.2072, 3.2671, 3.1851, 3.2562, 3.2231, 3.2017, 3.2043, 3.2431, 3.3057, 3.2367, 3.1426, 3.2866, 3.1963, 3.1094, 3.225, 3.1825, 3.1904, 3.0615, 3.2502, 3.0963, 3.1309, 3.2163, 3.0719, 3.1791, 3.1795, 3.2259, 3.1122, 3.1755, 3.1003, 3.0828, 3.0326, 2.9671, 3.0813, 3.0367, 3.1178, 3.001, 3.0226, 2.9936, 3.095, 3.0524, 3.042, 3.066, 2.9638, 2.9668, 3.0509, 2.9906, 2.9846, 3.0014, 2.8696, 2.9879, 3.0191, 2.9002, 2.9611, 2.9533, 2.9399, 2.9758, 2.9354, 2.808, 2.9508, 2.9474, 3.1072, 2.9976, 2.9597, 2.9273, 3.0002, 2.9088, 2.9174, 2.872, 3.0251, 3.0005, 3.0024, 2.8711, 2.9204, 2.8091, 2.7718, 2.8886, 2.8789, 2.8559, 3.0289, 2.9594, 2.9843, 2.8462, 3.0874, 2.7303, 2.8823, 2.8931, 2.9005, 2.9013, 2.977, 2.825, 2.8527, 2.7415, 2.9058, 2.9224, 3.04, 2.8822, 2.9755, 2.7357, 2.8152, 2.9063, 2.8133, 2.8334, 2.8583, 2.8708, 2.9019, 2.725, 2.8089, 2.7657, 2.8502, 2.7972, 2.8993, 2.9359, 2.7887, 2.8797, 2.8532, 2.7619, 2.8456, 2.7711, 2.8199, 2.8571, 2.8155, 2.7895, 2.6956, 2.9246, 2.7517, 2.8138, 2.7575, 2.7846, 2.8752, 2.9239, 2.8902, 2.9131, 2.757, 2.8097, 2.804, 2.846, 2.7845, 2.816, 2.8244, 2.7782, 2.9116, 2.8309, 2.795, 2.7747, 2.7732, 2.8972, 2.744, 2.8498, 2.8232, 2.7464, 2.8201, 2.7093, 2.8382, 2.8067, 2.865, 2.8123, 2.6751, 2.783, 2.7465, 2.8402, 2.822, 2.737, 2.8001, 2.8062, 2.8076, 2.6929, 2.7227, 2.6512, 2.74, 2.8262, 2.7518, 2.7408, 2.7173, 2.7467, 2.8333, 2.8013, 2.8018, 2.7204, 2.8092, 2.6329, 2.7234, 2.7642, 2.748, 2.9043, 2.8477, 2.8079, 2.7011, 2.8409, 2.7134, 2.7566, 2.872, 2.7317, 2.7368, 2.7868, 2.6492, 2.8391, 2.7548, 2.7105, 2.8081, 2.7472, 2.6985, 2.6666, 2.7698, 2.5908, 2.8587, 2.6343, 2.7818, 2.7858, 2.6978]
EVALS = [(75, 3.4496, 3.4283), (150, 2.9952, 2.9754), (225, 2.7939, 2.7945), (300, 2.8085, 2.7343)]
FULL_EVALS = [(100, 2.7358, 2.7441)]

# Bits per character of tiny-shakespeare (1,115,394 characters, 65 distinct):
UNIFORM_BITS = math.log2(65)            # every character equally likely: 6.022
UNIGRAM_BITS = 4.779353                 # the entropy of the character frequencies of the whole text
BIGRAM_VAL_BITS = 3.580610              # a bigram count model (add-one) from the first 90%, on the last 10%
SHANNON_BAND = (0.6, 1.3)               # Shannon 1951, 100 letters of context, 27-symbol printed English


def bigram_cross_entropy_bits(train, val, vocab):
    """Cross-entropy in bits per character, on val, of the bigram model counted on train with
    add-one smoothing: P(b | a) = (count(ab) + 1) / (count(a followed by anything) + V)."""
    pairs, firsts = {}, {}
    for a, b in zip(train, train[1:]):
        pairs[a, b] = pairs.get((a, b), 0) + 1
        firsts[a] = firsts.get(a, 0) + 1
    V = len(vocab)
    total = 0.0
    for a, b in zip(val, val[1:]):
        total -= math.log2((pairs.get((a, b), 0) + 1) / (firsts.get(a, 0) + V))
    return total / (len(val) - 1)
