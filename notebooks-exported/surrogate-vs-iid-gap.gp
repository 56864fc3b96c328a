# Relative gap between the exact i.i.d. Gaussian MSE and the surrogate MSE (Theorem 1) against d,
# log-log, one curve per n/d (one data block per n/d: index 0..3 = 0.5, 0.9, 1.1, 1.5). Data: figures/surrogate-vs-iid-gaps.dat, written by
# src/surrogate-vs-iid-gaps.sh. Run from notebooks-exported/: gnuplot surrogate-vs-iid-gap.gp
set encoding utf8
set terminal pngcairo size 1000,700 font "sans,12" noenhanced
set output "figures/surrogate-vs-iid-gap.png"
set title "Relative gap (iid - surrogate) / iid of the exact MSE, isotropic Sigma, sigma = 1, ||w*|| = 1"
set xlabel "d (number of parameters)"
set ylabel "relative gap"
set logscale xy
set xrange [20:500]
set yrange [0.002:1]
set xtics (25, 50, 100, 200, 400)
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd" lw 1 dt 1
set key top right box lc rgb "#bbbbbb" width 1
set border lw 1.2
file = "figures/surrogate-vs-iid-gaps.dat"
plot file index 1 using 1:6 with linespoints lc rgb "#d62728" pt 7 ps 1.2 lw 2 title "n/d = 0.9", \
     file index 2 using 1:6 with linespoints lc rgb "#ff7f0e" pt 5 ps 1.2 lw 2 title "n/d = 1.1", \
     file index 3 using 1:6 with linespoints lc rgb "#2ca02c" pt 9 ps 1.4 lw 2 title "n/d = 1.5", \
     file index 0 using 1:6 with linespoints lc rgb "#1f4e9c" pt 11 ps 1.4 lw 2 title "n/d = 0.5", \
     [25:400] 10/x with lines lc rgb "#555555" dt (8, 5) lw 1.5 title "10 / d", \
     [25:400] 1/x with lines lc rgb "#999999" dt (3, 4) lw 1.5 title "1 / d"
